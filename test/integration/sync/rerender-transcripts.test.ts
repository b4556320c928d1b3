import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/open-store.js';
import type { GongStore } from '../../../src/store/gong-store.js';
import { rerenderTranscripts } from '../../../src/store/rerender-transcripts.js';
import { renderStoredTranscript } from '../../../src/transcript/render-stored-transcript.js';
import { sampleCall, sampleParty } from '../../support/sample-records.js';
import { STORE_TARGETS } from '../../support/store-targets.js';

const NOW = '2026-11-20T10:00:00.000Z';
const SEGMENTS = [
  { speakerId: 's1', topic: null, sentences: [{ start: 0, end: 900, text: 'Hello.' }] },
  { speakerId: 's2', topic: null, sentences: [{ start: 61_000, end: 62_000, text: 'Hi there.' }] },
];

for (const makeTarget of STORE_TARGETS) {
  const target = makeTarget();
  describe(`transcript text follows the call's parties: ${target.name}`, () => {
    let store: GongStore;
    beforeAll(async () => {
      await target.setup();
      store = await openStore(await target.location());
    });
    afterAll(async () => {
      await store?.close();
      await target.teardown();
    });

    it('re-renders a stored transcript when a re-read call names its speakers differently, and only then', async () => {
      const before = sampleCall('c1', '2026-11-01T09:00:00.000Z', {
        parties: [sampleParty('p1', { speaker_id: 's1', name: 'Rep', affiliation: 'Internal' }), sampleParty('p2', { speaker_id: 's2', affiliation: 'External' })],
      });
      await store.write(async (w) => {
        await w.upsertCalls([before], NOW);
        const parties = before.parties!.map((p) => ({ call_id: 'c1', ...p }));
        await w.upsertTranscripts([{ call_id: 'c1', segments: SEGMENTS, text: renderStoredTranscript(SEGMENTS, parties, new Map()), fetched_at: NOW }]);
      });
      expect((await store.getTranscript('c1'))!.text).toBe('[00:00] Rep (Internal): Hello.\n[01:01] Unknown speaker: Hi there.');

      expect(await store.write((w) => rerenderTranscripts(w, [before]))).toBe(0);

      const after = { ...before, parties: [before.parties![0]!, sampleParty('p2', { speaker_id: 's2', name: 'Buyer Bea', affiliation: 'External' })] };
      const changed = await store.write(async (w) => {
        await w.upsertCalls([after], NOW);
        return rerenderTranscripts(w, [after]);
      });
      expect(changed).toBe(1);
      expect((await store.getTranscript('c1'))!.text).toBe('[00:00] Rep (Internal): Hello.\n[01:01] Buyer Bea (External): Hi there.');
    });
  });
}
