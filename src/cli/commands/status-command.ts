import type { Command } from 'commander';
import { credentialsFromEnv } from '../../client/credentials.js';
import { normalizeBaseUrl } from '../../client/client-options.js';
import { defaultAccountKey } from '../../client/request-budget.js';
import type { GongStore } from '../../store/gong-store.js';
import { utcDay } from '../../util/time.js';
import type { CliRuntime } from '../cli-runtime.js';
import { setting } from '../env-config.js';
import { EXIT } from '../exit-codes.js';
import { withStore } from '../open-cli-store.js';
import { formatStatus } from '../format-status.js';
import { collectConnectionsStatus } from '../../workers/connections-status.js';
import { summarizeCallLinks } from '../../crm/query/summarize-call-links.js';
import { STREAM_NAMES } from '../../sync/streams/registry.js';

export function registerStatusCommand(program: Command, cli: CliRuntime, run: (fn: () => Promise<number>) => Promise<void>): void {
  program
    .command('status')
    .description('watermarks, row counts, last runs, requests used today, calls still waiting for a transcript')
    .option('--json', 'one JSON object on stdout')
    .option('--db <path|url>', 'SQLite file or postgres:// URL (env PANDORA_GONG_DB)')
    .option('--base-url <url>', 'Gong API host, to attribute today\'s requests to the right account (env GONG_BASE_URL)')
    .action((flags: { json?: boolean; db?: string; baseUrl?: string }) =>
      run(() =>
        withStore(flags.db, cli, async (store) => {
          const status = await collectStatus(store, accountKeyOf(flags.baseUrl, cli.env()));
          cli.stdout.write(flags.json ? `${JSON.stringify(status)}\n` : `${formatStatus(status)}\n`);
          return EXIT.ok;
        }, { existing: true }),
      ),
    );
}

export type StatusReport = Awaited<ReturnType<typeof collectStatus>>;

/**
 * Everything `status` shows, as one object (README.md, "CLI": watermarks, row counts, last runs,
 * requests today, pending transcripts).
 */
export async function collectStatus(store: GongStore, accountKey: string | undefined) {
  const today = utcDay(Date.now());
  const usage = await store.requestsOn(today);
  // Multi-tenant mode: every connection the workers serve (PostgreSQL only; empty on SQLite).
  const connections = store.dialect.multiTenant ? await collectConnectionsStatus(store) : [];
  // The connections' requests are theirs, not the single-company sync's.
  const theirs = new Set(connections.map((c) => c.limitKey));
  const mine = accountKey ? usage.filter((u) => u.accountKey === accountKey) : usage.filter((u) => !theirs.has(u.accountKey));
  return {
    database: store.engine.location,
    ...(await collectSyncState(store)),
    requestsToday: mine.reduce((sum, u) => sum + u.used, 0),
    requestsDay: today,
    connections,
    // CRM linking (docs/crm-linking.md): linked / unlinked / internal-only calls and the domains
    // the CRM lacks.
    links: await summarizeCallLinks(store),
  };
}

/** Today's requests belong to the account of the configured credentials, when there are any. */
function accountKeyOf(baseUrlFlag: string | undefined, env: Record<string, string | undefined>): string | undefined {
  try {
    return defaultAccountKey(normalizeBaseUrl(setting(baseUrlFlag, env, 'GONG_BASE_URL')), credentialsFromEnv(env));
  } catch {
    return undefined;
  }
}

/**
 * The part of `status` that is the store's connection's alone: every stream's watermark, last
 * complete pass and window in flight, row counts, pending transcripts and the last runs (the MCP
 * server's `sync_status` answers with it).
 */
export async function collectSyncState(store: GongStore) {
  const states = await store.allStreamStates();
  return {
    // Every stream, whether or not it ran yet: its watermark, last complete pass and window in flight.
    streams: STREAM_NAMES.map((name) => ({
      name,
      watermark: states[name]?.watermark ?? null,
      lastCompleted: states[name]?.completedAt ?? null,
      inFlight: states[name]?.progress ?? null,
    })),
    watermarks: Object.fromEntries(Object.entries(states).map(([stream, s]) => [stream, s.watermark])),
    windowInFlight: states.calls?.progress ?? null,
    lastCompleted: Object.fromEntries(Object.entries(states).map(([stream, s]) => [stream, s.completedAt])),
    counts: await store.counts(),
    pendingTranscripts: await store.pendingTranscripts(),
    lastRuns: await store.recentRuns(5),
  };
}
