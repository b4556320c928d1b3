import type { GongCall, GongParty, GongUser } from '../../gong/types.js';
import type { CallRecord, PartyRecord, UserRecord } from '../records.js';
import { gongTimeToUtc } from '../../util/time.js';
import { gongTimeToUtcLenient, text } from './values.js';

/**
 * Gong records → rows of users, calls and parties. Pure mapping, no control flow: the raw record
 * is kept whole in `raw`, the product's columns are lifted out of it, and timestamps become UTC
 * instants.
 */
export function userRecord(user: GongUser): UserRecord {
  return {
    id: String(user.id),
    email: text(user.emailAddress),
    first_name: text(user.firstName),
    last_name: text(user.lastName),
    title: text(user.title),
    manager_id: text(user.managerId),
    active: typeof user.active === 'boolean' ? user.active : null,
    created_at: gongTimeToUtcLenient(user.created),
    raw: user,
  };
}

export function callRecord(call: GongCall): CallRecord {
  const m = call.metaData;
  const started = gongTimeToUtc(m.started);
  if (started === null) throw new RangeError(`call ${m.id} has no start time`);
  return {
    id: String(m.id),
    title: text(m.title),
    scheduled_at: gongTimeToUtcLenient(m.scheduled),
    started_at: started,
    duration_seconds: typeof m.duration === 'number' && Number.isFinite(m.duration) ? Math.round(m.duration) : null,
    primary_user_id: text(m.primaryUserId),
    direction: text(m.direction),
    scope: text(m.scope),
    media: text(m.media),
    system: text(m.system),
    language: text(m.language),
    workspace_id: text(m.workspaceId),
    url: text(m.url),
    is_private: m.isPrivate === true,
    raw: call,
    parties: Array.isArray(call.parties) ? call.parties.map(partyRecord) : null,
  };
}

export function partyRecord(party: GongParty): PartyRecord {
  return {
    party_id: String(party.id),
    speaker_id: text(party.speakerId),
    user_id: text(party.userId),
    email: text(party.emailAddress),
    name: text(party.name),
    title: text(party.title),
    affiliation: text(party.affiliation),
    phone: text(party.phoneNumber),
  };
}
