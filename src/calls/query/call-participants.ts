import type { GongStore } from '../../store/gong-store.js';

/** One person on a call, named the way transcripts name speakers (party name, else Gong user). */
export interface CallParticipant {
  name: string | null;
  email: string | null;
  title: string | null;
  affiliation: string | null;
  /** The Gong user, for the company's own people. */
  userId: string | null;
  /** Whether this party spoke (has a speaker id in the transcript's sense). */
  spoke: boolean;
}

/**
 * The participants of each call, outside people first (they are who a call is with), then
 * unknown, then the company's own.
 *
 * @example const byCall = await callParticipants(store, ['7782342274025937895']);
 */
export async function callParticipants(store: GongStore, callIds: readonly string[]): Promise<Map<string, CallParticipant[]>> {
  const parties = await store.partiesOfCalls(callIds);
  const users = await store.userNames([...parties.values()].flat().flatMap((p) => (p.user_id ? [p.user_id] : [])));
  const out = new Map<string, CallParticipant[]>();
  for (const [callId, rows] of parties) {
    out.set(
      callId,
      rows
        .map((p) => {
          const user = p.user_id ? users.get(p.user_id) : undefined;
          const userName = user ? [user.firstName, user.lastName].filter(Boolean).join(' ') || null : null;
          return {
            name: p.name ?? userName,
            email: p.email ?? user?.emailAddress ?? null,
            title: p.title,
            affiliation: p.affiliation,
            userId: p.user_id,
            spoke: p.speaker_id !== null,
          };
        })
        .sort((a, b) => sideRank(a.affiliation) - sideRank(b.affiliation)),
    );
  }
  return out;
}

function sideRank(affiliation: string | null): number {
  const a = affiliation?.toLowerCase();
  return a === 'external' ? 0 : a === 'internal' ? 2 : 1;
}
