/**
 * A small simulator company synced into a store, its CRM export imported and linked, and Gong's
 * call content (brief, key points, outcome, topics, trackers) written for a few calls the way
 * the call-intelligence streams store it: the database the MCP server tests ask questions of.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GongClient } from '../../../src/client/gong-client.js';
import { importCrmFiles } from '../../../src/crm/import/import-crm-files.js';
import { linkCalls } from '../../../src/crm/link/link-calls.js';
import { startSimulator, writeCrmExport, type Simulator } from '../../../src/simulator/index.js';
import type { GongStore } from '../../../src/store/gong-store.js';
import { tableNamed } from '../../../src/store/schema/index.js';
import { syncGong } from '../../../src/sync/sync-gong.js';
import { DAY } from '../../../src/util/time.js';

export const NOW = Date.parse('2026-11-20T15:00:00Z');

export interface SyncedCompany {
  sim: Simulator;
  /** Calls given call content here, newest first. */
  withContent: string[];
  close(): Promise<void>;
}

/** Syncs `calls` simulated calls (seed `seed`) into `store`, imports and links the CRM, adds content. */
export async function syncCompany(store: GongStore, options: { seed: number; calls: number }): Promise<SyncedCompany> {
  const sim = await startSimulator({ seed: options.seed, calls: options.calls, now: NOW, frozenClock: true, rateLimit: false });
  const dir = mkdtempSync(join(tmpdir(), 'pgong-mcp-crm-'));
  try {
    const client = new GongClient({
      baseUrl: sim.url,
      accessKey: sim.credentials.accessKey,
      accessKeySecret: sim.credentials.accessKeySecret,
      rateLimit: false,
      retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 8 },
    });
    const report = await syncGong({ client, store, since: NOW - 120 * DAY, streams: ['users', 'calls', 'transcripts'] });
    if (report.status !== 'completed') throw new Error(`fixture sync ended ${report.status}`);
    await importCrmFiles(store, writeCrmExport(sim.company, dir));
    await linkCalls(store);
    const linked = await store.scoped
      .selectFrom('gong_call_links')
      .select('call_id')
      .distinct()
      .where('connection_id', '=', store.connectionId)
      .where('crm_object_type', '=', 'account')
      .orderBy('call_id')
      .limit(3)
      .execute();
    const withContent = linked.map((r) => r.call_id);
    await store.write(async (w) => {
      // The sync stored Gong's content of every call; three calls keep hand-written content
      // and the rest none, so each tool is seen with and without it.
      for (const table of ['gong_call_content', 'gong_call_trackers', 'gong_call_tracker_occurrences', 'gong_call_interaction_stats', 'gong_call_speakers'] as const) {
        await w.scoped.deleteFrom(table).execute();
      }
      await w.upsertPlain(
        tableNamed('gong_call_content'),
        withContent.map((callId, i) => ({
          call_id: callId,
          brief: `Brief of call ${callId}: pricing and the SOC 2 report were discussed.`,
          key_points: [`Key point one of ${callId}`, 'They want a proposal by Friday'],
          outline: null,
          highlights: null,
          call_outcome: i === 0 ? 'Qualified' : 'Follow-up scheduled',
          call_outcome_category: 'Positive',
          topics: [{ name: 'Pricing', duration: 120 }, { name: 'Security', duration: 60 }],
          action_items: null,
          questions_company: 4,
          questions_non_company: 2,
        })),
      );
      await w.upsertPlain(
        tableNamed('gong_call_trackers'),
        withContent.flatMap((callId) => [
          { call_id: callId, tracker_id: 't-pricing', name: 'Pricing', type: 'KEYWORD', count: 3 },
          { call_id: callId, tracker_id: 't-competitors', name: 'Competitors', type: 'SMART', count: 1 },
        ]),
      );
    });
    return {
      sim,
      withContent,
      close: async () => {
        await sim.close();
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
