/**
 * The company's settings: workspaces, tracker and scorecard definitions (docs/gong-api.md §3.5).
 * Each is one unpaginated request, read in full every run; a definition a complete pass no
 * longer lists is marked `deleted_at`, like a user.
 */
import type { GongKeywordTracker, GongScorecard, GongWorkspace } from '../../gong/types.js';
import { scorecardRow, trackerRow, workspaceRow } from '../../store/mappers/settings-rows.js';
import { gongScorecards, gongTrackers, gongWorkspaces } from '../../store/schema/index.js';
import type { FullRefreshSource, SourcePage, StreamDefinition } from '../engine/stream-definition.js';
import type { StreamContext } from '../engine/stream-context.js';
import { checkScorecard, checkTracker, checkWorkspace } from '../../gong/checks/record-shapes.js';

/** A full refresh of a list Gong sends whole, in one answer. */
function wholeList<R>(read: (ctx: StreamContext) => Promise<R[]>): FullRefreshSource<R> {
  return {
    replication: 'full-refresh',
    read: async function* (ctx): AsyncIterable<SourcePage<R>> {
      const items = await read(ctx);
      yield { items, total: items.length };
    },
    sweep: { action: 'mark-deleted', seenColumn: 'seen_run_id' },
  };
}

export const workspacesStream: StreamDefinition<GongWorkspace> = {
  name: 'workspaces',
  description: 'Gong workspaces: one request, a full refresh every run.',
  tables: [gongWorkspaces],
  scopes: ['api:workspaces:read'],
  source: wholeList((ctx) => ctx.client.workspaces({ signal: ctx.signal })),
  check: checkWorkspace,
  toRows: (workspace) => ({ gong_workspaces: [workspaceRow(workspace)] }),
};

export const trackersStream: StreamDefinition<GongKeywordTracker> = {
  name: 'trackers',
  description: 'Tracker definitions of every workspace: one request, a full refresh every run.',
  tables: [gongTrackers],
  scopes: ['api:settings:trackers:read'],
  source: wholeList((ctx) => ctx.client.trackers({ signal: ctx.signal })),
  check: checkTracker,
  toRows: (tracker) => ({ gong_trackers: [trackerRow(tracker)] }),
};

export const scorecardsStream: StreamDefinition<GongScorecard> = {
  name: 'scorecards',
  description: 'Scorecard definitions and their questions: one request, a full refresh every run.',
  tables: [gongScorecards],
  scopes: ['api:settings:scorecards:read'],
  source: wholeList((ctx) => ctx.client.scorecards({ signal: ctx.signal })),
  check: checkScorecard,
  toRows: (scorecard) => ({ gong_scorecards: [scorecardRow(scorecard)] }),
};
