import type { SyncReport } from '../sync/sync-gong.js';
import { summaryLineOf } from '../sync/streams/stream-summary.js';
import { STREAMS } from '../sync/streams/registry.js';

const n = (value: number) => value.toLocaleString('en-US');

/** Text that ends as a sentence does. */
function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

/** The one-paragraph result of `sync` for people; `--json` prints the report itself. */
export function formatSyncSummary(summary: SyncReport & { elapsedMs: number; budgetLeft?: number | undefined; streams?: readonly string[] }): string {
  const s = summary.stats;
  const ran = STREAMS.filter((stream) => stream.source.replication !== 'derived' && (summary.streams ?? []).concat(Object.keys(s)).some((k) => k === stream.name || summaryLineOf(stream, s) !== undefined));
  const width = Math.max(12, ...ran.map((stream) => stream.name.length + 1));
  const lines = [
    `${summary.status === 'completed' ? 'Sync complete' : 'Sync stopped early'} in ${(summary.elapsedMs / 1000).toFixed(1)} s (run ${summary.runId}).`,
    ...ran.flatMap((stream) => {
      const skipped = summary.skipped?.find((k) => k.stream === stream.name);
      if (skipped) return [`  ${stream.name.padEnd(width)} skipped: ${skipped.reason}`];
      const line = summaryLineOf(stream, s);
      return line === undefined ? [] : [`  ${stream.name.padEnd(width)} ${line}`];
    }),
    `  ${'requests'.padEnd(width)} ${n(s.requests)}${summary.budgetLeft !== undefined ? ` (${n(summary.budgetLeft)} left today)` : ''}`,
  ];
  if (summary.status === 'stopped') {
    lines.push(
      summary.stopReason === 'signal'
        ? 'Stopped on request; everything fetched so far is saved, and the next sync resumes from there.'
        : `${sentence(summary.message ?? 'Gong asked us to stop')} Everything fetched so far is saved; run sync again then to resume.`,
    );
  }
  return lines.join('\n');
}
