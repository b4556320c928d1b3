/**
 * Who spoke a monologue (README.md, "CLI": how a transcript renders): the call's party
 * with that `speakerId`, named by the party's `name`, else by the Gong user with the party's
 * `userId`, else by the party's email. `speakerId` can be null and imported calls have no parties
 * at all (docs/gong-api.md §5.6–5.7): such speakers are "Unknown speaker", never an error.
 */
import type { GongParty } from '../gong/types.js';

/** The parts of a Gong user that name it. */
export interface UserName {
  firstName?: string | null;
  lastName?: string | null;
  emailAddress?: string | null;
}

/** Gong users by id, as a map or as a list of users with `id`. */
export type UserDirectory = ReadonlyMap<string, UserName> | readonly (UserName & { id: string })[];

export type Affiliation = 'Internal' | 'External' | 'Unknown';

export interface ResolvedSpeaker {
  /** The display name, or `Unknown speaker`. */
  name: string;
  /** `true` when a name was found; the renderer shows the affiliation only then. */
  resolved: boolean;
  /** The party's affiliation (`Unknown` when it says none); `undefined` when no party matched. */
  affiliation: Affiliation | undefined;
  /** Where the name came from. */
  source: 'party-name' | 'user-name' | 'party-email' | 'user-email' | 'none';
  party: GongParty | undefined;
}

export const UNKNOWN_SPEAKER = 'Unknown speaker';

/**
 * @example
 * resolveSpeaker('6432345678555530067', call.parties, users)
 * // { name: 'Test User', resolved: true, affiliation: 'Internal', source: 'party-name', party: {…} }
 */
export function resolveSpeaker(
  speakerId: string | null | undefined,
  parties: readonly GongParty[] | null | undefined,
  users?: UserDirectory | null,
): ResolvedSpeaker {
  const party = findParty(speakerId, parties);
  if (!party) return { name: UNKNOWN_SPEAKER, resolved: false, affiliation: undefined, source: 'none', party: undefined };
  const affiliation = readAffiliation(party.affiliation);
  const user = party.userId != null ? lookupUser(users, String(party.userId)) : undefined;
  const candidates: [ResolvedSpeaker['source'], string | undefined][] = [
    ['party-name', clean(party.name)],
    ['user-name', user ? fullName(user) : undefined],
    ['party-email', clean(party.emailAddress)],
    ['user-email', clean(user?.emailAddress)],
  ];
  for (const [source, name] of candidates) {
    if (name !== undefined) return { name, resolved: true, affiliation, source, party };
  }
  // A party with nothing to name it by cannot be shown as a person.
  return { name: UNKNOWN_SPEAKER, resolved: false, affiliation, source: 'none', party };
}

/**
 * A lookup function over the parties, for rendering many monologues of one call.
 *
 * @example const speakerOf = speakerResolver(call.parties, users); speakerOf(monologue.speakerId).name
 */
export function speakerResolver(
  parties: readonly GongParty[] | null | undefined,
  users?: UserDirectory | null,
): (speakerId: string | null | undefined) => ResolvedSpeaker {
  const cache = new Map<string, ResolvedSpeaker>();
  return (speakerId) => {
    const key = speakerId == null ? '' : String(speakerId);
    let hit = cache.get(key);
    if (!hit) {
      hit = resolveSpeaker(speakerId, parties, users);
      cache.set(key, hit);
    }
    return hit;
  };
}

function findParty(speakerId: string | null | undefined, parties: readonly GongParty[] | null | undefined): GongParty | undefined {
  if (speakerId === null || speakerId === undefined || speakerId === '' || !Array.isArray(parties)) return undefined;
  const wanted = String(speakerId);
  return parties.find((p) => p != null && p.speakerId != null && String(p.speakerId) === wanted);
}

function lookupUser(users: UserDirectory | null | undefined, userId: string): UserName | undefined {
  if (!users) return undefined;
  if (users instanceof Map) return users.get(userId) ?? undefined;
  if (Array.isArray(users)) return (users as readonly (UserName & { id: string })[]).find((u) => u != null && String(u.id) === userId);
  return undefined;
}

function fullName(user: UserName): string | undefined {
  const parts = [clean(user.firstName), clean(user.lastName)].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function readAffiliation(value: unknown): Affiliation {
  if (typeof value !== 'string') return 'Unknown';
  const lower = value.trim().toLowerCase();
  if (lower === 'internal') return 'Internal';
  if (lower === 'external') return 'External';
  return 'Unknown';
}

function clean(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}
