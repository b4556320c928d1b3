/**
 * Who is on a call, as Gong records it: one party per participant with a party id, a speaker id
 * (null for those who never spoke), and only the keys Gong knows (docs/gong-api.md §3.3 Party:
 * email, name, title and phone are *absent*, not null, when unknown). Rebuilt on demand from the
 * call's seed, so 50,000 calls cost no memory for their parties.
 */
import { gongId } from '../ids.js';
import { Prng } from '../prng.js';
import type { CompanyCall, CompanyUser, ExternalPerson } from './types.js';

export type Affiliation = 'Internal' | 'External' | 'Unknown';
export type PartyMethod = 'Invitee' | 'Attendee';

/** The CRM record Gong shows in a party's `context` (R2: User objects with CreatedDate, Contacts without fields). */
export interface PartyCrmObject {
  objectType: 'User' | 'Contact';
  objectId: string;
  fields?: { name: string; value: string }[];
}

export interface CastMember {
  partyId: string;
  speakerId: string | null;
  affiliation: Affiliation;
  userId?: string;
  personIndex?: number;
  emailAddress?: string;
  name?: string;
  title?: string;
  phoneNumber?: string;
  methods: PartyMethod[];
  crmObject: PartyCrmObject | null;
  /** First name used when someone addresses them in the transcript. */
  firstName: string | null;
  /** The company's side of the conversation or the other side. */
  side: 'seller' | 'buyer';
  /** Relative share of the talking. */
  talkWeight: number;
}

export interface Cast {
  members: CastMember[];
  /** A speaker id the transcript uses that matches no party (a dial-in nobody identified), or null. */
  strangerSpeakerId: string | null;
}

export interface CastSources {
  userById: ReadonlyMap<string, CompanyUser>;
  people: readonly ExternalPerson[];
  /** `CreatedDate` of a Gong user's Salesforce User record, in the company offset. */
  crmUserCreated(user: CompanyUser): string;
}

/**
 * Builds the parties of a call.
 *
 * @example const { members } = buildCast(call, sources); members[0].userId === call.primaryUserId
 */
export function buildCast(call: CompanyCall, sources: CastSources): Cast {
  const rng = new Prng(call.seed).derive('cast');
  const usedIds = new Set<string>();
  const freshId = () => {
    let id: string;
    do id = gongId(rng);
    while (usedIds.has(id));
    usedIds.add(id);
    return id;
  };
  const members: CastMember[] = [];

  call.userIds.forEach((userId, i) => {
    const user = sources.userById.get(userId)!;
    // The host always speaks; others mostly do.
    const speaks = i === 0 || rng.chance(0.85);
    const member: CastMember = {
      partyId: freshId(),
      speakerId: speaks ? freshId() : null,
      affiliation: 'Internal',
      methods: speaks ? rng.pick([['Invitee', 'Attendee'], ['Attendee']] as PartyMethod[][]) : rng.pick([['Invitee'], ['Attendee']] as PartyMethod[][]),
      crmObject: { objectType: 'User', objectId: user.crmUserId, fields: [{ name: 'CreatedDate', value: sources.crmUserCreated(user) }] },
      firstName: user.firstName,
      side: 'seller',
      talkWeight: i === 0 ? 3 : 1,
    };
    member.emailAddress = user.emailAliases.length > 0 && rng.chance(0.2) ? rng.pick(user.emailAliases) : user.emailAddress;
    member.name = `${user.firstName} ${user.lastName}`;
    if (user.title) member.title = user.title;
    member.userId = user.id;
    if (user.phoneNumber && rng.chance(0.5)) member.phoneNumber = user.phoneNumber.replace(/[ -]/g, '');
    members.push(member);
  });

  call.personIndexes.forEach((index, i) => {
    const person = sources.people[index]!;
    const speaks = i === 0 || rng.chance(0.7);
    const member: CastMember = {
      partyId: freshId(),
      speakerId: speaks ? freshId() : null,
      // Gong cannot always tell a free-mail guest's side (R2: guest.one@example.org was "Unknown").
      affiliation: person.flags.includes('free-mail') && rng.chance(0.5) ? 'Unknown' : 'External',
      personIndex: index,
      methods: speaks ? rng.pick([['Invitee', 'Attendee'], ['Attendee']] as PartyMethod[][]) : ['Invitee'],
      crmObject: person.contactId ? { objectType: 'Contact', objectId: person.contactId } : null,
      firstName: person.firstName,
      side: 'buyer',
      talkWeight: i === 0 ? 2 : 1,
    };
    member.emailAddress = person.email;
    if (call.kind === 'dialer' || rng.chance(0.92)) member.name = `${person.firstName} ${person.lastName}`;
    if (person.title && rng.chance(0.7)) member.title = person.title;
    // A dialer always knows the number it dialled.
    if (call.kind === 'dialer') member.phoneNumber = person.phone ?? `+1555555${String(rng.int(0, 9999)).padStart(4, '0')}`;
    else if (person.phone && rng.chance(0.5)) member.phoneNumber = person.phone;
    members.push(member);
  });

  // Guests Gong could not place: a named guest, a phone dial-in, an invitee who never came, or a
  // participant Gong knows nothing about beyond its ids (every optional key absent).
  if (call.kind === 'external' && rng.chance(0.15)) {
    const guest = rng.weighted([['named', 35], ['phone', 30], ['invitee', 20], ['bare', 15]] as const);
    const member: CastMember = {
      partyId: freshId(),
      speakerId: guest === 'invitee' ? null : freshId(),
      affiliation: 'Unknown',
      methods: guest === 'invitee' ? ['Invitee'] : ['Attendee'],
      crmObject: null,
      firstName: null,
      side: 'buyer',
      talkWeight: 0.5,
    };
    if (guest === 'named') member.name = `Guest ${String.fromCharCode(65 + rng.int(0, 25))}`;
    if (guest === 'phone') {
      member.name = 'Phone Caller #1';
      member.phoneNumber = `+1555555${String(rng.int(0, 9999)).padStart(4, '0')}`;
    }
    if (guest === 'invitee') member.emailAddress = `guest.${rng.int(1, 99)}@example.org`;
    members.push(member);
  }

  const strangerSpeakerId = call.kind !== 'internal' && rng.chance(0.08) ? freshId() : null;
  return { members, strangerSpeakerId };
}
