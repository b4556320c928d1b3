/**
 * `collaboration.publicComments`: managers' comments on about one call in ten, visible from the
 * moment they were posted. A call without comments has `collaboration: {}` (R2).
 */
import { formatInstant } from '../company-time.js';
import type { Company } from '../company/company.js';
import type { CompanyCall } from '../company/types.js';
import { gongId } from '../ids.js';
import { Prng } from '../prng.js';
import { MINUTE, DAY } from '../../util/time.js';

const COMMENTS = [
  'Great job handling the pricing objection here.',
  'Listen to how the customer describes their forecasting process.',
  'We should have asked about budget earlier.',
  'This is the moment they mention the competitor.',
  'Nice discovery question.',
];

/** @example toWireCollaboration(company, call, sim.clock.now()) // {} or { publicComments: [...] } */
export function toWireCollaboration(company: Company, call: CompanyCall, atMs: number): Record<string, unknown> {
  const rng = new Prng(call.seed).derive('comments');
  if (call.kind === 'imported' || !rng.chance(0.1)) return {};
  const host = company.userById(call.primaryUserId)!;
  const commenter = host.managerId ?? host.id;
  const endMs = call.startedMs + call.durationSec * 1000;
  const comments: Record<string, unknown>[] = [];
  let previousId: string | null = null;
  for (let n = rng.int(1, 3); n > 0; n--) {
    const duringCall = rng.chance(0.2);
    const postedMs = duringCall ? rng.int(call.startedMs, endMs) : endMs + rng.int(10 * MINUTE, 3 * DAY);
    const at = rng.int(0, Math.max(0, call.durationSec - 10));
    const id = gongId(rng);
    const byHost = previousId !== null && rng.chance(0.5);
    const author = byHost ? host.id : commenter;
    const mention = byHost ? '' : `@[${host.firstName} ${host.lastName}](${host.id}) `;
    const comment = {
      id,
      audioStartTime: at,
      audioEndTime: at + rng.int(5, 30),
      commenterUserId: author,
      comment: byHost ? 'Thanks, noted for next time.' : mention + rng.pick(COMMENTS),
      posted: formatInstant(postedMs, company.offsetMinutes, 3),
      inReplyTo: byHost ? previousId : null,
      duringCall,
    };
    previousId = id;
    if (postedMs <= atMs) comments.push(comment);
  }
  return comments.length > 0 ? { publicComments: comments } : {};
}
