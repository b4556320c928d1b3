import type { CallRecord, PartyRecord } from '../../src/store/records.js';

/** A party row for tests: only what the test cares about, the rest null. */
export function sampleParty(id: string, fields: Partial<PartyRecord> = {}): PartyRecord {
  return { party_id: id, speaker_id: null, user_id: null, email: null, name: null, title: null, affiliation: null, phone: null, ...fields };
}

/**
 * A call as the sync hands it to the store, for storage tests: an external Zoom call with a rep
 * and a buyer unless `fields` says otherwise.
 */
export function sampleCall(id: string, startedAt: string, fields: Partial<CallRecord> = {}): CallRecord {
  return {
    id,
    title: `Call ${id}`,
    scheduled_at: startedAt,
    started_at: startedAt,
    duration_seconds: 1800,
    primary_user_id: '100',
    direction: 'Conference',
    scope: 'External',
    media: 'Video',
    system: 'Zoom',
    language: 'eng',
    workspace_id: '9',
    url: `https://app.gong.io/call?id=${id}`,
    is_private: false,
    raw: { metaData: { id, started: startedAt } },
    parties: [
      sampleParty('p1', { speaker_id: 's1', user_id: '100', email: 'rep@northwind.example', name: 'Rep', title: 'AE', affiliation: 'Internal' }),
      sampleParty('p2', { email: 'buyer@acme.example', affiliation: 'External', phone: '+15550100' }),
    ],
    ...fields,
  };
}
