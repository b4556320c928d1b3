/** A transcript sentence as stored in `gong_transcripts.segments`, read for a search hit. */
export interface StoredSentence {
  start: number;
  end: number;
  text: string;
}

/** Puts a stored sentence (JSON text or value) at its ranked row's index. */
export function addStoredSentence(out: Map<number, StoredSentence>, index: number, json: unknown): void {
  const value = (typeof json === 'string' ? JSON.parse(json) : json) as { start?: unknown; end?: unknown; text?: unknown } | null;
  if (value === null || typeof value !== 'object' || typeof value.text !== 'string') return;
  const start = milliseconds(value.start, 0);
  out.set(index, { start, end: Math.max(start, milliseconds(value.end, start)), text: value.text });
}

/** A sentence's `start`/`end`, which Gong sends as numbers (tolerating numeric text). */
function milliseconds(value: unknown, fallback: number): number {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.floor(n) : fallback;
}
