/**
 * The speaker-attributed rendering of a transcript (README.md, "CLI"): one line
 * per monologue,
 *
 *   text:      `[mm:ss] Speaker Name (Affiliation): sentence sentence ...`
 *   markdown:  `**[mm:ss] Speaker Name** (Affiliation): sentence sentence ...`, monologues
 *              separated by a blank line so each is its own paragraph; `*`, `_`, `` ` ``, `[`, `]`
 *              and `\` in names are backslash-escaped.
 *
 * The stamp is the monologue's first sentence start rounded down to the second, `[h:mm:ss]` past
 * the first hour. An unresolvable speaker is `Unknown speaker` with no parentheses. Rendering never
 * throws on odd data and never drops a monologue that has sentences; a monologue without any
 * sentence has nothing to show and is skipped.
 */
import type { GongMonologue, GongParty, GongSentence } from '../gong/types.js';
import { speakerResolver, type UserDirectory } from './resolve-speaker.js';

export interface FormatTranscriptOptions {
  /** `text` (default) or `markdown`. */
  format?: 'text' | 'markdown';
}

/**
 * @example
 * formatTranscript(t.transcript, call.parties, usersById)
 * // '[07:40] Test User (Internal): No wait, I think we should check that out first.'
 */
export function formatTranscript(
  transcript: readonly GongMonologue[] | null | undefined,
  parties: readonly GongParty[] | null | undefined,
  users?: UserDirectory | null,
  options: FormatTranscriptOptions = {},
): string {
  const markdown = options.format === 'markdown';
  const speakerOf = speakerResolver(parties, users);
  const lines: string[] = [];
  for (const monologue of Array.isArray(transcript) ? transcript : []) {
    if (monologue == null) continue;
    const raw: readonly (GongSentence | null)[] = Array.isArray(monologue.sentences) ? monologue.sentences : [];
    const sentences = raw.filter((s): s is GongSentence => s != null);
    if (sentences.length === 0) continue;
    const stamp = `[${formatTimestamp(firstStart(sentences))}]`;
    const text = sentences
      .map((s) => (typeof s.text === 'string' ? s.text.trim() : ''))
      .filter((t) => t !== '')
      .join(' ');
    const speaker = speakerOf(monologue.speakerId);
    const affiliation = speaker.resolved ? ` (${speaker.affiliation ?? 'Unknown'})` : '';
    lines.push(
      markdown
        ? `**${stamp} ${escapeMarkdown(speaker.name)}**${affiliation}: ${text}`
        : `${stamp} ${speaker.name}${affiliation}: ${text}`,
    );
  }
  return lines.join(markdown ? '\n\n' : '\n');
}

/**
 * Milliseconds from the call's start → `mm:ss`, or `h:mm:ss` from one hour on; rounded down to
 * the second. Negative or non-numeric input counts as 0.
 *
 * @example formatTimestamp(460_230) // '07:40'
 * @example formatTimestamp(3_725_999) // '1:02:05'
 */
export function formatTimestamp(ms: number): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

/** The first sentence's start; sentences with a missing start are passed over. */
function firstStart(sentences: readonly { start?: unknown }[]): number {
  for (const s of sentences) {
    const start = typeof s.start === 'string' ? Number(s.start) : s.start;
    if (typeof start === 'number' && Number.isFinite(start)) return start;
  }
  return 0;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]]/g, '\\$&');
}
