/**
 * The endpoints the simulator serves, with the scope each needs (docs/gong-api.md §1.4) and the status
 * bad credentials get: 403 for `GET /v2/users` and `GET /v2/workspaces`, 401 elsewhere, as the
 * spec documents (docs/gong-api.md §4.2).
 */
import { getCall, listCalls } from './calls.js';
import { callsExtensive } from './calls-extensive.js';
import { callsTranscript } from './calls-transcript.js';
import type { RouteContext, RouteResult } from './route.js';
import { listUsers, usersExtensive } from './users.js';
import { listWorkspaces } from './workspaces.js';
import { answeredScorecards } from './answered-scorecards.js';
import { folderContent, listFolders } from './library.js';
import { manualCrmAssociations } from './manual-associations.js';
import { listScorecards, listTrackers } from './settings.js';
import { dayByDayActivity, interactionStats } from './stats.js';

export interface RouteDefinition {
  method: 'GET' | 'POST';
  /** The path with `{id}` placeholders, as in Gong's docs. */
  pattern: string;
  /** `METHOD pattern`, the request log's endpoint key. */
  key: string;
  scope: string;
  authFailureStatus: 401 | 403;
  handler: (ctx: RouteContext) => RouteResult;
}

const define = (method: 'GET' | 'POST', pattern: string, scope: string, authFailureStatus: 401 | 403, handler: RouteDefinition['handler']): RouteDefinition => ({
  method,
  pattern,
  key: `${method} ${pattern}`,
  scope,
  authFailureStatus,
  handler,
});

export const ROUTES: readonly RouteDefinition[] = [
  define('GET', '/v2/users', 'api:users:read', 403, listUsers),
  define('POST', '/v2/users/extensive', 'api:users:read', 401, usersExtensive),
  define('GET', '/v2/calls', 'api:calls:read:basic', 401, listCalls),
  define('POST', '/v2/calls/extensive', 'api:calls:read:extensive', 401, callsExtensive),
  define('POST', '/v2/calls/transcript', 'api:calls:read:transcript', 401, callsTranscript),
  define('GET', '/v2/calls/{id}', 'api:calls:read:basic', 401, getCall),
  define('GET', '/v2/workspaces', 'api:workspaces:read', 403, listWorkspaces),
  define('GET', '/v2/settings/trackers', 'api:settings:trackers:read', 401, listTrackers),
  define('GET', '/v2/settings/scorecards', 'api:settings:scorecards:read', 401, listScorecards),
  define('POST', '/v2/stats/activity/scorecards', 'api:stats:scorecards', 401, answeredScorecards),
  define('POST', '/v2/stats/activity/day-by-day', 'api:stats:user-actions:detailed', 401, dayByDayActivity),
  define('POST', '/v2/stats/interaction', 'api:stats:interaction', 401, interactionStats),
  define('GET', '/v2/library/folders', 'api:library:read', 401, listFolders),
  define('GET', '/v2/library/folder-content', 'api:library:read', 401, folderContent),
  define('GET', '/v2/calls/manual-crm-associations', 'api:crm-calls:manual-association:read', 401, manualCrmAssociations),
];

export type RouteMatch =
  | { kind: 'found'; route: RouteDefinition; params: Record<string, string> }
  | { kind: 'method-not-allowed'; pattern: string }
  | { kind: 'not-found' };

/**
 * Matches a request. Literal paths win over `{id}` ones, so `GET /v2/calls/extensive` is a
 * 405 (the path exists for POST), not a lookup of a call named "extensive".
 *
 * @example matchRoute('GET', '/v2/calls/123') // { kind: 'found', params: { id: '123' }, … }
 */
export function matchRoute(method: string, path: string): RouteMatch {
  const clean = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  const literal = ROUTES.filter((r) => r.pattern === clean);
  if (literal.length > 0) {
    const route = literal.find((r) => r.method === method);
    return route ? { kind: 'found', route, params: {} } : { kind: 'method-not-allowed', pattern: clean };
  }
  for (const route of ROUTES) {
    const params = matchPattern(route.pattern, clean);
    if (!params) continue;
    return route.method === method ? { kind: 'found', route, params } : { kind: 'method-not-allowed', pattern: route.pattern };
  }
  return { kind: 'not-found' };
}

function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  if (!pattern.includes('{')) return undefined;
  const want = pattern.split('/'), got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!, g = got[i]!;
    if (w.startsWith('{')) {
      if (g === '') return undefined;
      try {
        params[w.slice(1, -1)] = decodeURIComponent(g);
      } catch {
        params[w.slice(1, -1)] = g;
      }
    } else if (w !== g) return undefined;
  }
  return params;
}
