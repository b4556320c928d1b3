/** Transcript rendering and speaker resolution (README.md, "CLI": how a transcript renders). */
export { formatTranscript, formatTimestamp, type FormatTranscriptOptions } from './format-transcript.js';
export {
  resolveSpeaker,
  speakerResolver,
  UNKNOWN_SPEAKER,
  type Affiliation,
  type ResolvedSpeaker,
  type UserDirectory,
  type UserName,
} from './resolve-speaker.js';
export { renderStoredTranscript, toGongParty, type StoredPartyRow } from './render-stored-transcript.js';
