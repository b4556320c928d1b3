import type { RunSummary } from '../store/gong-store.js';
import type { StreamState } from '../store/records.js';

/**
 * A run that resumes an interrupted one does not redo finished work: if the users stream
 * already completed a full pass since the last completed run, it is not read again. A fresh
 * run always refreshes users (they change without notice; README §3.1).
 */
export function shouldSkipUsers(input: {
  resuming: boolean;
  usersState: StreamState | undefined;
  lastCompleted: RunSummary | undefined;
}): boolean {
  const completedAt = input.usersState?.completedAt;
  if (!input.resuming || !completedAt) return false;
  const since = input.lastCompleted?.finishedAt;
  return since === undefined || since === null || completedAt > since;
}
