import { describe, expect, it } from 'vitest';
import { shouldSkipFullRefresh } from '../../../src/sync/engine/resume-rules.js';

const users = (completedAt: string | null) => ({ watermark: null, backfillFrom: null, progress: null, completedAt, updatedAt: '' });
type Run = { finishedAt: string };
/** The full-refresh rule, as the users stream applies it. */
const shouldSkipUsers = (input: { resuming: boolean; usersState: ReturnType<typeof users>; lastCompleted: Run | undefined }) =>
  shouldSkipFullRefresh({ resuming: input.resuming, state: input.usersState, lastCompletedAt: input.lastCompleted?.finishedAt });
const run = (finishedAt: string) => ({ id: 'r', startedAt: finishedAt, finishedAt, status: 'completed' as const, error: null, stats: null });

describe('shouldSkipUsers', () => {
  it('refreshes users on every fresh run', () => {
    expect(shouldSkipUsers({ resuming: false, usersState: users('2026-11-24T10:00:00Z'), lastCompleted: undefined })).toBe(false);
  });
  it('skips them when resuming a run that already refreshed them', () => {
    expect(shouldSkipUsers({ resuming: true, usersState: users('2026-11-24T10:00:00Z'), lastCompleted: run('2026-11-23T00:00:00Z') })).toBe(true);
    expect(shouldSkipUsers({ resuming: true, usersState: users('2026-11-24T10:00:00Z'), lastCompleted: undefined })).toBe(true);
  });
  it('refreshes them when resuming but the last refresh predates the last completed run', () => {
    expect(shouldSkipUsers({ resuming: true, usersState: users('2026-11-22T00:00:00Z'), lastCompleted: run('2026-11-23T00:00:00Z') })).toBe(false);
    expect(shouldSkipUsers({ resuming: true, usersState: users(null), lastCompleted: undefined })).toBe(false);
  });
});
