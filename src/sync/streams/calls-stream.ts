/**
 * Calls: `POST /v2/calls/extensive` over windows of call start times, with parties, CRM context
 * and content (docs/gong-api.md §3.3). Calls become visible hours after they start, so each run
 * re-reads one lookback before the watermark (§5.4); calls can turn private or be deleted long
 * after, so once a day the window reaches 30 days back (the privacy re-check), and a stored call
 * a complete pass no longer returns is removed. Private calls are left out unless asked for.
 */
import type { GongCall } from '../../gong/types.js';
import { rerenderTranscripts } from '../../store/rerender-transcripts.js';
import type { PartyRecord } from '../../store/records.js';
import { gongCallParties, gongCalls } from '../../store/schema/index.js';
import { parseInstant } from '../../util/time.js';
import type { StreamDefinition } from '../engine/stream-definition.js';
import { callRecord } from '../../store/mappers/core-rows.js';
import { pagesOf } from './pages-of.js';
import { checkCall } from '../../gong/checks/record-shapes.js';

/** State row that remembers when the privacy re-check last ran. */
export const RECHECK_STATE = 'calls_recheck';

const n = (value: number) => value.toLocaleString('en-US');

export const callsStream: StreamDefinition<GongCall> = {
  name: 'calls',
  description: "Calls with their parties, CRM context and content, by start time, incrementally with a lookback.",
  tables: [gongCalls, gongCallParties],
  scopes: ['api:calls:read:extensive'],
  rowCounters: { gong_call_parties: 'parties' },
  droppedCounter: 'privateSkipped',
  source: {
    replication: 'windows',
    granularity: 'instant',
    read: (ctx, window) => pagesOf(ctx.client.callsExtensive({ from: window.from, to: window.to, signal: ctx.signal })),
    positionOf: (call) => parseInstant(call.metaData.started),
    strict: true,
    lookbackMs: (ctx) => ctx.options.lookbackMs,
    sweep: { action: 'remove', seenColumn: 'seen_pass_id', column: 'started_at' },
    recheck: (ctx) => ({ stateKey: RECHECK_STATE, windowMs: ctx.options.recheckWindowMs, everyMs: ctx.options.recheckEveryMs }),
  },
  // Writes, not distinct calls: the lookback and a restarted window re-read (and rewrite) some.
  summary: (s) =>
    `${n(s.calls ?? 0)} written with ${n(s.parties ?? 0)} participants${s.privateSkipped ? `, ${n(s.privateSkipped)} private left out` : ''}${s.deletedCalls ? `, ${n(s.deletedCalls)} removed (now private or deleted in Gong)` : ''}`,
  // Private calls unless asked for, and calls of a person erased with `pandora-gong erase`, never.
  keep: (call, ctx) => (ctx.options.includePrivate || call.metaData.isPrivate !== true) && !ctx.erased?.touchesCall(call.parties),
  idOf: (call) => String(call.metaData.id),
  check: checkCall,
  toRows: (call) => {
    const { parties, ...row } = callRecord(call);
    return { gong_calls: [row], gong_call_parties: (parties ?? []).map((p) => ({ call_id: row.id, ...p })) };
  },
  // A re-read call may name its speakers differently: stored transcripts follow its parties.
  async withinStoreCommit(writer, write) {
    const calls = write.tables.find((t) => t.table === gongCalls)?.rows ?? [];
    if (calls.length === 0) return;
    const parties = new Map<string, PartyRecord[]>();
    for (const row of write.tables.find((t) => t.table === gongCallParties)?.rows ?? []) {
      const { call_id, ...party } = row as { call_id: string } & PartyRecord;
      parties.set(call_id, [...(parties.get(call_id) ?? []), party]);
    }
    await rerenderTranscripts(writer, calls.map((c) => ({ id: String(c.id), parties: parties.get(String(c.id)) ?? [] })));
  },
};
