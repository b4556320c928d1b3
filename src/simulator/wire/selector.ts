/**
 * `contentSelector` of `POST /v2/calls/extensive` (docs/gong-api.md §3.3), validated and
 * normalised: what the response must contain and nothing more (docs/gong-api.md §6: leave out what
 * was not requested).
 */

export type ContextLevel = 'None' | 'Basic' | 'Extended';
export type ContextTiming = 'Now' | 'TimeOfCall';

export const CONTENT_FIELDS = [
  'structure',
  'topics',
  'trackers',
  'trackerOccurrences',
  'pointsOfInterest',
  'brief',
  'outline',
  'highlights',
  'callOutcome',
  'keyPoints',
] as const;
export const INTERACTION_FIELDS = ['speakers', 'video', 'personInteractionStats', 'questions'] as const;

export type ContentField = (typeof CONTENT_FIELDS)[number];
export type InteractionField = (typeof INTERACTION_FIELDS)[number];

export interface Selection {
  context: ContextLevel;
  contextTiming: ContextTiming[];
  parties: boolean;
  content: Set<ContentField>;
  interaction: Set<InteractionField>;
  publicComments: boolean;
  media: boolean;
}

/**
 * Reads a `contentSelector`; returns an error message for values Gong's schema does not allow.
 *
 * @example parseSelector({ exposedFields: { parties: true } }) // { parties: true, context: 'None', … }
 */
export function parseSelector(raw: unknown): Selection | string {
  const selection: Selection = {
    context: 'None',
    contextTiming: ['Now'],
    parties: false,
    content: new Set(),
    interaction: new Set(),
    publicComments: false,
    media: false,
  };
  if (raw === undefined || raw === null) return selection;
  if (typeof raw !== 'object' || Array.isArray(raw)) return 'contentSelector: must be an object';
  const s = raw as Record<string, unknown>;
  if (s.context !== undefined && s.context !== null) {
    if (s.context !== 'None' && s.context !== 'Basic' && s.context !== 'Extended') {
      return `contentSelector.context: must be one of None, Basic, Extended`;
    }
    selection.context = s.context;
  }
  if (s.contextTiming !== undefined && s.contextTiming !== null) {
    if (!Array.isArray(s.contextTiming) || s.contextTiming.some((t) => t !== 'Now' && t !== 'TimeOfCall')) {
      return 'contentSelector.contextTiming: must be a list of Now, TimeOfCall';
    }
    if (s.contextTiming.length > 0) selection.contextTiming = [...new Set(s.contextTiming as ContextTiming[])];
  }
  const exposed = s.exposedFields;
  if (exposed === undefined || exposed === null) return selection;
  if (typeof exposed !== 'object' || Array.isArray(exposed)) return 'contentSelector.exposedFields: must be an object';
  const e = exposed as Record<string, unknown>;
  selection.parties = e.parties === true;
  selection.media = e.media === true;
  const flags = <F extends string>(value: unknown, names: readonly F[], into: Set<F>, path: string): string | undefined => {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) return `${path}: must be an object`;
    for (const name of names) if ((value as Record<string, unknown>)[name] === true) into.add(name);
    return undefined;
  };
  const problem =
    flags(e.content, CONTENT_FIELDS, selection.content, 'contentSelector.exposedFields.content') ??
    flags(e.interaction, INTERACTION_FIELDS, selection.interaction, 'contentSelector.exposedFields.interaction');
  if (problem) return problem;
  const collaboration = e.collaboration;
  if (collaboration !== undefined && collaboration !== null) {
    if (typeof collaboration !== 'object' || Array.isArray(collaboration)) return 'contentSelector.exposedFields.collaboration: must be an object';
    selection.publicComments = (collaboration as Record<string, unknown>).publicComments === true;
  }
  // Occurrences only come with their trackers (S1: "must be combined with trackers").
  if (!selection.content.has('trackers')) selection.content.delete('trackerOccurrences');
  return selection;
}
