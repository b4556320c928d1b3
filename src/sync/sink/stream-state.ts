/**
 * A stream's state between runs (style of Singer's bookmarks): the watermark moves only when a
 * window completes; while one is in flight, a progress marker says where to resume.
 */
export type { StreamState, WindowProgress } from '../../store/records.js';
import type { WindowProgress } from '../../store/records.js';

/** Fields to change; fields not given keep their value. */
export interface StatePatch {
  watermark?: string | null;
  backfillFrom?: string | null;
  progress?: WindowProgress | null;
  completedAt?: string | null;
}
