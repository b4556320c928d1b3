import type { SyncReport } from '../sync/sync-gong.js';

const n = (value: number) => value.toLocaleString('en-US');

/** The one-paragraph result of `sync` for people; `--json` prints the report itself. */
export function formatSyncSummary(summary: SyncReport & { elapsedMs: number; budgetLeft?: number | undefined }): string {
  const s = summary.stats;
  const lines = [
    `${summary.status === 'completed' ? 'Sync complete' : 'Sync stopped early'} in ${(summary.elapsedMs / 1000).toFixed(1)} s (run ${summary.runId}).`,
    `  users        ${n(s.users)} refreshed${s.deletedUsers ? `, ${n(s.deletedUsers)} no longer in Gong` : ''}`,
    // Writes, not distinct calls: the lookback and a restarted window re-read (and rewrite) some.
    `  calls        ${n(s.calls)} written with ${n(s.parties)} participants${s.privateSkipped ? `, ${n(s.privateSkipped)} private left out` : ''}${s.deletedCalls ? `, ${n(s.deletedCalls)} removed (now private)` : ''}`,
    `  transcripts  ${n(s.transcripts)} fetched${s.transcriptsPending ? `, ${n(s.transcriptsPending)} not ready yet (retried next run)` : ''}${s.transcriptsGaveUp ? `, ${n(s.transcriptsGaveUp)} given up (older than 30 days)` : ''}`,
    `  requests     ${n(s.requests)}${summary.budgetLeft !== undefined ? ` (${n(summary.budgetLeft)} left today)` : ''}`,
  ];
  if (summary.status === 'stopped') {
    lines.push(
      summary.stopReason === 'signal'
        ? 'Stopped on request; everything fetched so far is saved, and the next sync resumes from there.'
        : `${summary.message ?? 'Gong asked us to stop.'} Everything fetched so far is saved; run sync again${summary.resumeAfter ? ` after ${summary.resumeAfter}` : ''} to resume.`,
    );
  }
  return lines.join('\n');
}
