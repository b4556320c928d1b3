import type { GongMonologue, GongParty } from '../gong/types.js';
import type { StoredParty, StoredUserName } from '../store/gong-store.js';
import { formatTranscript } from '../transcript/format-transcript.js';

/**
 * Renders a transcript from what the store holds about its call: the party rows (as Gong's
 * party shape) and the names of Gong users, so `text` follows product.md's fallback chain.
 */
export function renderStoredTranscript(
  transcript: GongMonologue[],
  parties: readonly StoredParty[],
  users: Map<string, StoredUserName>,
): string {
  return formatTranscript(transcript, parties.map(toGongParty), users);
}

export function toGongParty(p: StoredParty): GongParty {
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
