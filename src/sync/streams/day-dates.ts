/** Gong's date-only filters (`YYYY-MM-DD`, docs/gong-api.md §2.4) from the engine's day windows. */
import { toUtcIso } from '../../util/time.js';

/** Midnight UTC of a day window → its date. */
export function dateOf(epochMs: number): string {
  return toUtcIso(epochMs).slice(0, 10);
}
