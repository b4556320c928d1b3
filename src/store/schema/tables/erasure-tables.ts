/**
 * People erased from the local copy (product.md "Privacy: erasing a person"): a salted hash of
 * the address or number, never the address itself, so later syncs can recognise their calls
 * and leave them out without the database holding who they were.
 */
import { int, text, textOf, time } from '../column.js';
import { defineTable } from '../table.js';

export const erasures = defineTable({
  name: 'erasures',
  description: 'Salted hashes of the e-mail addresses and phone numbers erased with `pandora-gong erase`.',
  key: ['subject_hash'],
  tenant: true,
  columns: {
    subject_hash: text().describe('SHA-256 of the salt, the kind and the normalised address or number.'),
    kind: textOf<'email' | 'phone'>(),
    erased_at: time(),
    calls_removed: int(),
  },
});
