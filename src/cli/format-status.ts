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
  for (const stream of status.streams) {
    if (stream.inFlight) lines.push(`In flight    ${stream.name} window ${stream.inFlight.windowFrom} → ${stream.inFlight.windowTo}, resumes at ${stream.inFlight.resumeFrom}`);
  }
  lines.push(`Streams      ${status.streams.map((s) => `${s.name} ${s.lastCompleted ? `done ${s.lastCompleted.slice(0, 16).replace('T', ' ')}` : 'never'}`).join('; ')}`);
  lines.push(
    `Rows         ${n(c.gong_calls ?? 0)} calls, ${n(c.gong_call_parties ?? 0)} participants, ${n(c.gong_transcripts ?? 0)} transcripts, ${n(c.gong_users ?? 0)} users (${n(c.gong_users_deleted ?? 0)} deleted)`,
    `CRM          ${n(c.crm_accounts ?? 0)} accounts, ${n(c.crm_contacts ?? 0)} contacts, ${n(c.crm_deals ?? 0)} deals, ${n(c.gong_call_links ?? 0)} call links`,
    `Transcripts  ${n(p.waiting)} waiting for Gong${p.oldestWaiting ? ` (oldest call ${p.oldestWaiting})` : ''}, ${n(p.neverAsked)} not asked yet, ${n(p.gaveUp)} given up after 30 days`,
    `Requests     ${n(status.requestsToday)} used today (${status.requestsDay} UTC)`,
  );
  const l = status.links;
  lines.push(`Links        ${n(l.linkedCalls)} calls linked to CRM accounts, ${n(l.unlinkedCalls)} unlinked with outside participants, ${n(l.internalOnlyCalls)} internal-only`);
  if (l.topUnmatchedDomains.length > 0) {
    lines.push(`Unmatched    ${l.topUnmatchedDomains.slice(0, 5).map((d) => `${d.domain} (${n(d.calls)} call${d.calls === 1 ? '' : 's'})`).join(', ')}: add them to the CRM`);
  }
  if (status.lastRuns.length > 0) {
    lines.push('Last runs');
    for (const run of status.lastRuns) {
      const stats = run.stats ? ` · ${n(run.stats.calls ?? 0)} calls, ${n(run.stats.transcripts ?? 0)} transcripts, ${n(run.stats.requests)} requests` : '';
      lines.push(`  ${run.startedAt}  ${run.status.padEnd(9)}${stats}${run.error ? ` · ${run.error}` : ''}`);
    }
  } else {
    lines.push('Last runs    none: run `pandora-gong sync`');
  }
  if (status.connections.length > 0) lines.push(...formatConnectionsStatus(status.connections));
  return lines.join('\n');
}

/** The connections block of `status` on PostgreSQL: two or three lines per connection. */
export function formatConnectionsStatus(connections: StatusReport['connections']): string[] {
  const lines = [`Connections  ${connections.length}`];
  for (const c of connections) {
    const last = c.lastSync
      ? `last sync ${c.lastSync.startedAt} ${c.lastSync.status}${c.lastSync.stats ? ` (${n(c.lastSync.stats.calls ?? 0)} calls, ${n(c.lastSync.stats.transcripts ?? 0)} transcripts, ${n(c.lastSync.stats.requests)} requests)` : ''}`
      : 'never synced';
    const next = c.next ? `${c.next.state} ${c.next.state === 'running' ? 'since' : 'at'} ${c.next.at}` : c.everySeconds === null ? 'on demand' : 'scheduled at the next tick';
    lines.push(`  ${c.name}  ${last}; next: ${next}`);
    lines.push(
      `  ${' '.repeat(c.name.length)}  ${n(c.rows.calls)} calls, ${n(c.rows.transcripts)} transcripts, ${n(c.rows.users)} users; requests today ${n(c.requestsToday)} of ${n(c.dailyBudget)}`,
    );
    if (c.lastError) lines.push(`  ${' '.repeat(c.name.length)}  error${c.lastError.at ? ` (${c.lastError.at})` : ''}: ${c.lastError.message}`);
  }
  return lines;
}
