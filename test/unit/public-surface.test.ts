/**
 * The package's public surface, pinned: adding or removing a name from src/index.ts or
 * src/simulator/index.ts must change this list too, deliberately (and docs/api.md with it).
 * Runtime names only: type exports vanish at run time; they are listed by name in src/index.ts.
 */
import { describe, expect, it } from 'vitest';
import * as library from '../../src/index.js';
import * as simulator from '../../src/simulator/index.js';

const LIBRARY = [
  'ALL_STREAMS',
  'ConfigError',
  'ConnectionRepository',
  'CredentialsCorruptError',
  'DEFAULT_BASE_URL',
  'DEFAULT_CONNECTION',
  'DEFAULT_DAILY_LIMIT',
  'DEFAULT_DB',
  'DEFAULT_RATE_SPEC',
  'ERROR_KINDS',
  'EXPORT_STREAMS',
  'GongApiError',
  'GongAuthError',
  'GongBadRequestError',
  'GongClient',
  'GongConnectionError',
  'GongCursorError',
  'GongCursorExpiredError',
  'GongError',
  'GongNotFoundError',
  'GongProtocolError',
  'GongQuotaExhaustedError',
  'GongRateLimitError',
  'GongRepeatedCursorError',
  'GongScopeError',
  'GongServerError',
  'GongStore',
  'GongTimeoutError',
  'InMemoryBudgetStore',
  'LINK_CONFIDENCE',
  'RequestBudget',
  'SECRET_KEY_ENV',
  'SecretKey',
  'SecretKeyMismatchError',
  'StoreError',
  'SyncLockedError',
  'UNKNOWN_SPEAKER',
  'UnknownConnectionError',
  'callDetails',
  'callIntelligence',
  'createMcpServer',
  'collectConnectionsStatus',
  'credentialsFromEnv',
  'exportRows',
  'formatSearchHits',
  'formatTimestamp',
  'formatTranscript',
  'generateSecretKey',
  'importCrmFiles',
  'importCrmRecords',
  'isPostgresUrl',
  'linkCalls',
  'listCalls',
  'listCallsForCrmObject',
  'openStore',
  'rebuildSearchIndex',
  'removeConnection',
  'renderStoredTranscript',
  'repCoaching',
  'resolveAccount',
  'resolveDeal',
  'runSync',
  'searchAllTranscripts',
  'searchIndexStats',
  'searchTranscripts',
  'serveHttp',
  'serveStdio',
  'speakerResolver',
  'startWorker',
  'summarizeCallLinks',
  'syncGong',
];

describe('the public surface', () => {
  it('the library exports exactly the listed names, and no internal', () => {
    expect(Object.keys(library).sort()).toEqual([...LIBRARY].sort());
    for (const internal of ['StoreWriter', 'quoteBigIntegers', 'sealCredentials', 'matchCall', 'paginate']) expect(Object.keys(library)).not.toContain(internal);
  });

  it('the simulator entry point is a named list too', () => {
    const names = Object.keys(simulator).sort();
    expect(names).toContain('startSimulator');
    expect(names).toContain('generateCompany');
    // Pinned by size: adding a name is fine, silently doubling the surface is not.
    expect(names.length).toBeLessThan(60);
  });
});
