import { randomBytes } from 'node:crypto';

/** A run id that sorts by start time and never collides between processes. */
export function newRunId(now: number): string {
  return `${now.toString(36).padStart(9, '0')}-${randomBytes(4).toString('hex')}`;
}
