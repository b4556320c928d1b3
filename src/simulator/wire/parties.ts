/**
 * `parties[]` of `/v2/calls/extensive`, keys in R2's order (id, emailAddress, name, title, userId,
 * speakerId, context, affiliation, phoneNumber, methods), optional keys left out rather than null.
 */
import type { Cast } from '../company/cast.js';
import { partyContext, type WireContext } from './context.js';
import type { ContextLevel } from './selector.js';

export interface WireParty {
  id: string;
  emailAddress?: string;
  name?: string;
  title?: string;
  userId?: string;
  speakerId: string | null;
  context: WireContext[];
  affiliation: 'Internal' | 'External' | 'Unknown';
  phoneNumber?: string;
  methods: ('Invitee' | 'Attendee')[];
}

/** @example toWireParties(company.cast(call), 'Extended')[0].speakerId */
export function toWireParties(cast: Cast, level: ContextLevel): WireParty[] {
  return cast.members.map((m) => {
    const party: Partial<WireParty> & { id: string } = { id: m.partyId };
    if (m.emailAddress !== undefined) party.emailAddress = m.emailAddress;
    if (m.name !== undefined) party.name = m.name;
    if (m.title !== undefined) party.title = m.title;
    if (m.userId !== undefined) party.userId = m.userId;
    party.speakerId = m.speakerId;
    party.context = partyContext(m, level);
    party.affiliation = m.affiliation;
    if (m.phoneNumber !== undefined) party.phoneNumber = m.phoneNumber;
    party.methods = [...m.methods];
    return party as WireParty;
  });
}
