import type { GongMonologue, GongParty } from '../gong/types.js';
import { formatTranscript } from './format-transcript.js';
import type { UserName } from './resolve-speaker.js';

/** A party as the store keeps it (`gong_call_parties`): what names a speaker. */
export interface StoredPartyRow {
  party_id: string;
  speaker_id: string | null;
  user_id: string | null;
  email: string | null;
  name: string | null;
  title: string | null;
  affiliation: string | null;
  phone: string | null;
}

/**
 * Renders a transcript from what the store holds about its call: the party rows (as Gong's
 * party shape) and the names of Gong users, so `text` follows product.md's fallback chain
 * (the party's name, else the Gong user's, else the party's email).
 */
export function renderStoredTranscript(
  transcript: GongMonologue[],
  parties: readonly StoredPartyRow[],
  users: ReadonlyMap<string, UserName>,
): string {
  return formatTranscript(transcript, parties.map(toGongParty), users);
}

/** A stored party row in Gong's party shape, for the speaker resolver. */
export function toGongParty(p: StoredPartyRow): GongParty {
  return {
    id: p.party_id,
    speakerId: p.speaker_id,
    userId: p.user_id,
    emailAddress: p.email,
    name: p.name,
    title: p.title,
    affiliation: p.affiliation,
    phoneNumber: p.phone,
  };
}
