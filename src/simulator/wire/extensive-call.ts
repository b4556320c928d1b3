/**
 * One element of `calls[]` from `POST /v2/calls/extensive`, holding exactly what the
 * `contentSelector` asked for (docs/gong-api.md §3.3, §6): keys in R2's order (metaData, context,
 * parties, content, interaction, collaboration, media), `parties` absent for imported calls even
 * when requested, and media URLs that change on every request (docs/gong-api.md §3.3).
 */
import { createHash } from 'node:crypto';
import type { Company } from '../company/company.js';
import type { CompanyCall } from '../company/types.js';
import { toWireCollaboration } from './collaboration.js';
import { toWireContent } from './content.js';
import { callContext } from './context.js';
import { toWireInteraction } from './interaction.js';
import { toWireMetaData } from './metadata.js';
import { toWireParties } from './parties.js';
import type { Selection } from './selector.js';

/**
 * @param requestId the request's id, which the media URLs' signature is made from.
 * @example toWireExtensiveCall(company, call, parseSelector({ exposedFields: { parties: true } }), now, 'abc')
 */
export function toWireExtensiveCall(company: Company, call: CompanyCall, selection: Selection, atMs: number, requestId: string): Record<string, unknown> {
  const out: Record<string, unknown> = { metaData: toWireMetaData(company, call, atMs) };
  if (selection.context !== 'None') out.context = callContext(company, call, selection.context, selection.contextTiming, atMs);
  if (selection.parties && !call.imported) out.parties = toWireParties(company.cast(call), selection.context);
  if (selection.content.size > 0) out.content = toWireContent(company, call, selection.content, atMs);
  if (selection.interaction.size > 0) out.interaction = toWireInteraction(company, call, selection.interaction, atMs);
  if (selection.publicComments) out.collaboration = toWireCollaboration(company, call, atMs);
  if (selection.media) {
    // Presigned for 8 hours and signed anew for each request (S1 "valid for 8 hours").
    const expires = Math.floor(atMs / 1000) + 8 * 3600;
    const signature = createHash('sha256').update(`${requestId}:${call.id}`).digest('hex').slice(0, 32);
    const base = `https://media.gong-simulator.example/calls/${call.id}`;
    const media: Record<string, string> = { audioUrl: `${base}/audio.mp3?Expires=${expires}&Signature=${signature}` };
    if (call.media === 'Video') media.videoUrl = `${base}/video.mp4?Expires=${expires}&Signature=${signature}`;
    out.media = media;
  }
  return out;
}
