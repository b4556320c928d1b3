/**
 * `pandora-gong erase` (product.md "Privacy: erasing a person"): removes a person from the local
 * copy — every call they took part in with all that hangs off it (parties, transcript, content,
 * trackers, links, search entries), their CRM contact rows and a Gong user with their address —
 * in one transaction, and records a salted hash so later syncs leave those calls out. Gong's own
 * erasure does not reach copies like this one.
 */
import type { GongStore } from '../store/gong-store.js';
import { gongCalls } from '../store/schema/index.js';
import { chunk } from '../store/upsert-rows.js';
import { ErasedPeople, newSalt, normalizeErasedEmail, normalizeErasedPhone, subjectHash, type ErasureKind } from './erasure-subject.js';

export interface ErasureReport {
  kind: ErasureKind;
  calls: number;
  crmContacts: number;
  gongUsers: number;
  /** The person had been erased before (their hash was already recorded). */
  erasedBefore: boolean;
}

const saltKey = (store: GongStore) => `erasure-salt:${store.connectionId}`;

/**
 * @example await erasePerson(store, { email: 'jane@acme.com' }) // { kind: 'email', calls: 3, crmContacts: 1, gongUsers: 0, erasedBefore: false }
 */
export async function erasePerson(store: GongStore, subject: { email: string } | { phone: string }): Promise<ErasureReport> {
  const kind: ErasureKind = 'email' in subject ? 'email' : 'phone';
  const value = 'email' in subject ? normalizeErasedEmail(subject.email) : normalizeErasedPhone(subject.phone);
  let salt = await store.getMeta(saltKey(store));
  if (salt === undefined) {
    salt = newSalt();
    await store.setMeta(saltKey(store), salt);
  }
  const hash = subjectHash(salt, kind, value);
  return store.write(async (w) => {
    const tx = w.scoped;
    const erasedBefore = (await tx.selectFrom('erasures').select('subject_hash').where('subject_hash', '=', hash).executeTakeFirst()) !== undefined;

    const callIds = new Set<string>();
    if (kind === 'email') {
      const rows = await tx.selectFrom('gong_call_parties').select('call_id').where((eb) => eb(eb.fn('lower', [eb.fn('trim', ['email'])]), '=', value)).execute();
      for (const r of rows) callIds.add(r.call_id);
    } else {
      // Numbers are spelled many ways: compared by their digits, in JavaScript.
      const rows = await tx.selectFrom('gong_call_parties').select(['call_id', 'phone']).where('phone', 'is not', null).execute();
      for (const r of rows) if (r.phone && r.phone.replace(/\D/g, '') === value) callIds.add(r.call_id);
    }
    const calls = await w.removeWithDependents(gongCalls, [...callIds]);
    // Manual associations mirror Gong's events and outlive their call: erased explicitly.
    for (const ids of chunk([...callIds], 500)) await tx.deleteFrom('gong_manual_crm_associations').where('call_id', 'in', ids).execute();

    let crmContacts = 0;
    let gongUsers = 0;
    if (kind === 'email') {
      const contacts = await tx.selectFrom('crm_contacts').select('id').where((eb) => eb(eb.fn('lower', [eb.fn('trim', ['email'])]), '=', value)).execute();
      for (const ids of chunk(contacts.map((c) => c.id), 500)) {
        await tx.deleteFrom('crm_deal_contacts').where('contact_id', 'in', ids).execute();
        crmContacts += Number((await tx.deleteFrom('crm_contacts').where('id', 'in', ids).executeTakeFirst()).numDeletedRows);
      }
      gongUsers = Number(
        (await tx.deleteFrom('gong_users').where((eb) => eb(eb.fn('lower', [eb.fn('trim', ['email'])]), '=', value)).executeTakeFirst()).numDeletedRows,
      );
    }
    const now = new Date().toISOString();
    await tx
      .insertInto('erasures')
      .values({ subject_hash: hash, kind, erased_at: now, calls_removed: calls } as never)
      .onConflict((oc) => oc.column('subject_hash').doUpdateSet({ erased_at: now }))
      .execute();
    return { kind, calls, crmContacts, gongUsers, erasedBefore };
  });
}

/**
 * The connection's erased people, for a sync to leave their calls out.
 *
 * @example const erased = await loadErasedPeople(store); erased.touchesCall(call.parties)
 */
export async function loadErasedPeople(store: GongStore): Promise<ErasedPeople> {
  const rows = await store.scoped.selectFrom('erasures').select('subject_hash').execute();
  if (rows.length === 0) return new ErasedPeople('', new Set());
  const salt = (await store.getMeta(saltKey(store))) ?? '';
  return new ErasedPeople(salt, new Set(rows.map((r) => r.subject_hash)));
}
