/**
 * What `POST /v2/calls/extensive` is asked to expose (docs/gong-api.md §3.3). The default asks for
 * everything the product stores (CRM context with values, parties, content, interaction, public
 * comments) and never `media`: audio/video URLs are re-signed on every request and expire
 * (docs/gong-api.md §3.3), so asking would make every call look changed and store dead links.
 */
import type { ContentSelector } from '../gong/types.js';

/** The selector the client sends unless told otherwise. */
export const DEFAULT_CONTENT_SELECTOR: Readonly<ContentSelector> = Object.freeze({
  context: 'Extended',
  contextTiming: ['Now'],
  exposedFields: {
    parties: true,
    content: {
      structure: true,
      topics: true,
      trackers: true,
      pointsOfInterest: true,
      brief: true,
      outline: true,
      highlights: true,
      callOutcome: true,
      keyPoints: true,
    },
    interaction: { speakers: true, personInteractionStats: true, questions: true, video: true },
    collaboration: { publicComments: true },
  },
} satisfies ContentSelector);

/**
 * A deep copy of the selector without `exposedFields.media`, whatever the caller asked.
 *
 * @example withoutMedia({ exposedFields: { parties: true, media: true } as never }) // { exposedFields: { parties: true } }
 */
export function withoutMedia(selector: ContentSelector): ContentSelector {
  const copy = structuredClone(selector) as ContentSelector & { exposedFields?: Record<string, unknown> };
  if (copy.exposedFields && typeof copy.exposedFields === 'object') delete copy.exposedFields.media;
  return copy;
}
