/**
 * Singer's state: one value, `{"bookmarks": {stream: blob}}`, emitted whole in every STATE
 * message (a Singer target keeps the last one it received after the records before it).
 */
import { isStreamBlob, type StreamBlob } from '../protocol-state.js';

export interface SingerState {
  bookmarks: Record<string, StreamBlob>;
}

/** The blobs of a `--state` file (Meltano hands it over as is; a `{value: …}` wrapper is accepted). */
export function parseSingerState(value: unknown): Map<string, StreamBlob> {
  const out = new Map<string, StreamBlob>();
  const v = value as { bookmarks?: unknown; value?: { bookmarks?: unknown } } | null;
  const bookmarks = (v?.bookmarks ?? v?.value?.bookmarks) as Record<string, unknown> | undefined;
  if (!bookmarks || typeof bookmarks !== 'object') return out;
  for (const [name, blob] of Object.entries(bookmarks)) if (isStreamBlob(blob)) out.set(name, blob);
  return out;
}
