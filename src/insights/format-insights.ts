/** The call-intelligence views for people: one call's insights and the coaching table. */
import type { CallIntelligence } from '../calls/query/call-intelligence.js';
import type { RepCoaching } from './rep-coaching.js';

/**
 * @example formatCallInsights((await callIntelligence(store, [id])).get(id)!) // 'Brief: …\nKey points:\n  - …'
 */
export function formatCallInsights(insights: CallIntelligence): string {
  const lines: string[] = [];
  if (insights.brief) lines.push(`Brief: ${insights.brief}`);
  if (insights.keyPoints.length > 0) lines.push('Key points:', ...insights.keyPoints.map((p) => `  - ${p}`));
  if (insights.outcome) lines.push(`Outcome: ${insights.outcome}${insights.outcomeCategory ? ` (${insights.outcomeCategory})` : ''}`);
  if (insights.trackers.length > 0) lines.push(`Trackers: ${insights.trackers.map((t) => `${t.name} ×${t.count}`).join(', ')}`);
  // Topics Gong timed, longest first (a topic without a duration says nothing to show).
  const timed = insights.topics.flatMap((t) => (t.duration !== null && t.duration > 0 ? [{ name: t.name, duration: t.duration }] : []));
  if (timed.length > 0) {
    const top = timed.sort((a, b) => b.duration - a.duration).slice(0, 5);
    lines.push(`Topics: ${top.map((t) => `${t.name} ${t.duration < 60 ? `${Math.round(t.duration)}s` : `${Math.round(t.duration / 60)}m`}`).join(', ')}`);
  }
  return lines.length > 0 ? lines.join('\n') : 'Gong sent no brief, outcome or trackers for this call.';
}

/**
 * @example formatCoachingTable(await repCoaching(store))
 */
export function formatCoachingTable(reps: readonly RepCoaching[]): string {
  if (reps.length === 0) return 'No hosted calls yet.';
  const width = Math.min(28, Math.max(3, ...reps.map((r) => r.name.length)));
  const head = `${'rep'.padEnd(width)}  ${'calls'.padStart(5)}  ${'talk ratio'.padStart(10)}  ${'scorecards'.padStart(10)}  ${'avg score'.padStart(9)}`;
  const rows = reps.map(
    (r) =>
      `${r.name.slice(0, width).padEnd(width)}  ${String(r.callsHosted).padStart(5)}  ${(r.talkRatio === null ? '–' : `${Math.round(r.talkRatio * 100)}%`).padStart(10)}  ${String(r.scorecards).padStart(10)}  ${(r.averageScore === null ? '–' : r.averageScore.toFixed(1)).padStart(9)}`,
  );
  return [head, ...rows].join('\n');
}
