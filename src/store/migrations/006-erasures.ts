import type { Migration } from './column-types.js';

/** `pandora-gong erase`: the salted hashes of erased people (src/store/schema/tables/erasure-tables.ts). */
export const erasures: Migration = {
  id: '006-erasures',
  statements: (_engine, t) => [
    `CREATE TABLE erasures (
      connection_id ${t.text} NOT NULL,
      subject_hash ${t.text} NOT NULL,
      kind ${t.text} NOT NULL CHECK (kind IN ('email', 'phone')),
      erased_at ${t.time} NOT NULL,
      calls_removed ${t.int} NOT NULL,
      PRIMARY KEY (connection_id, subject_hash)
    )`,
  ],
};
