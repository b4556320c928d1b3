/**
 * Hits as text, one block per hit (what `pandora-gong search` prints without `--json`):
 *
 *   Acme Corp – Security review · 2026-09-14 15:02 UTC
 *     [07:40] Jane Doe (External): Our security team will need the «SOC 2» report.
 *     https://app.gong.io/call?id=…&highlights=…
 *
 * The speaker line follows the transcript rendering (README.md, "CLI"): the affiliation in parentheses
 * only for a resolved speaker, `[h:mm:ss]` past the first hour.
 */
import { formatTimestamp } from '../transcript/format-transcript.js';
import type { SearchHit } from './search-hit.js';

/**
 * @example process.stdout.write(formatSearchHits(await searchTranscripts(store, 'pricing')))
 */
export function formatSearchHits(hits: readonly SearchHit[]): string {
  if (hits.length === 0) return 'No matches.\n';
  return hits
    .map((hit) => {
      const title = hit.title?.trim() || `Call ${hit.callId}`;
      const speaker = hit.speakerResolved ? `${hit.speaker} (${hit.affiliation})` : hit.speaker;
      return `${title} · ${utcMinute(hit.startedAt)}\n  [${formatTimestamp(hit.offsetMs)}] ${speaker}: ${hit.snippet}\n  ${hit.url}\n`;
    })
    .join('\n');
}

/** `2026-09-14T15:02:31.000Z` → `2026-09-14 15:02 UTC`. */
function utcMinute(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso;
}
