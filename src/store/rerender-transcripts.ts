import type { GongMonologue } from '../gong/types.js';
import { renderStoredTranscript } from '../transcript/render-stored-transcript.js';
import type { PartyRecord } from './records.js';
import type { StoreWriter } from './store-writer.js';

/**
 * A transcript's `text` names speakers from the call's parties. When a re-read call (lookback,
 * privacy re-check) comes back with different parties, the text of a transcript stored earlier
 * is rendered again in the same transaction, so `text` never disagrees with `gong_call_parties`.
 * Returns how many texts changed.
 */
export async function rerenderTranscripts(
  writer: StoreWriter,
  calls: readonly { id: string; parties: readonly PartyRecord[] | null }[],
): Promise<number> {
  const stored = await writer.transcriptsOf(calls.map((c) => c.id));
  if (stored.length === 0) return 0;
  const byId = new Map(calls.map((c) => [c.id, c]));
  const users = await writer.userNames(calls.flatMap((c) => (c.parties ?? []).flatMap((p) => (p.user_id ? [p.user_id] : []))));
  const changed: { call_id: string; text: string }[] = [];
  for (const row of stored) {
    const parties = byId.get(row.call_id)?.parties ?? [];
    const text = renderStoredTranscript(JSON.parse(row.segments) as GongMonologue[], parties, users);
    if (text !== row.text) changed.push({ call_id: row.call_id, text });
  }
  await writer.updateTranscriptTexts(changed);
  return changed.length;
}
