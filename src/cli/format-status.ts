import type { StatusReport } from './commands/status-command.js';

const n = (value: number) => value.toLocaleString('en-US');

/** `status` for people. */
export function formatStatus(status: StatusReport): string {
  const c = status.counts;
  const p = status.pendingTranscripts;
  const lines = [
    `Database     ${status.database}`,
    `Watermarks   calls ${status.watermarks.calls ?? 'none yet'}; users refreshed ${status.lastCompleted.users ?? 'never'}`,
  ];
  if (status.windowInFlight) {
    lines.push(`In flight    calls window ${status.windowInFlight.windowFrom} → ${status.windowInFlight.windowTo}, resumes at ${status.windowInFlight.resumeFrom}`);
  }
  lines.push(
    `Rows         ${n(c.gong_calls ?? 0)} calls, ${n(c.gong_call_parties ?? 0)} participants, ${n(c.gong_transcripts ?? 0)} transcripts, ${n(c.gong_users ?? 0)} users (${n(c.gong_users_deleted ?? 0)} deleted)`,
    `CRM          ${n(c.crm_accounts ?? 0)} accounts, ${n(c.crm_contacts ?? 0)} contacts, ${n(c.crm_deals ?? 0)} deals, ${n(c.gong_call_links ?? 0)} call links`,
    `Transcripts  ${n(p.waiting)} waiting for Gong${p.oldestWaiting ? ` (oldest call ${p.oldestWaiting})` : ''}, ${n(p.neverAsked)} not asked yet, ${n(p.gaveUp)} given up after 30 days`,
    `Requests     ${n(status.requestsToday)} used today (${status.requestsDay} UTC)`,
  );
  if (status.lastRuns.length > 0) {
    lines.push('Last runs');
    for (const run of status.lastRuns) {
      const stats = run.stats ? ` · ${n(run.stats.calls)} calls, ${n(run.stats.transcripts)} transcripts, ${n(run.stats.requests)} requests` : '';
      lines.push(`  ${run.startedAt}  ${run.status.padEnd(9)}${stats}${run.error ? ` · ${run.error}` : ''}`);
    }
  } else {
    lines.push('Last runs    none: run `pandora-gong sync`');
  }
  return lines.join('\n');
}
