import type { StreamState } from '../../store/records.js';

/**
 * A run that resumes an interrupted one does not redo finished work: a full-refresh stream that
 * already completed a pass since the last completed run is not read again. A fresh run always
 * refreshes (such records change without notice; docs/gong-api.md §3.1).
 */
export function shouldSkipFullRefresh(input: {
  resuming: boolean;
  state: StreamState | undefined;
  lastCompletedAt: string | null | undefined;
}): boolean {
  const completedAt = input.state?.completedAt;
  if (!input.resuming || !completedAt) return false;
  const since = input.lastCompletedAt;
  return since === undefined || since === null || completedAt > since;
}
