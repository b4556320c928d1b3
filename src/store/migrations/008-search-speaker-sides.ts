import type { Migration } from './column-types.js';

/**
 * PostgreSQL: each search document carries the speaker ids of its call's internal and external
 * parties (`internal_speakers`, `external_speakers`), so `search --affiliation` checks a matching
 * sentence against its own document row instead of building the set of every party of the
 * connection before the first match (measured on `bench/mcp.mjs`, 50,000 calls: building that
 * set was most of a 200–300 ms search; docs/search.md, "Ranking").
 *
 * The arrays hold exactly what `src/search/search-filters.ts` compared before: the party's
 * `speaker_id` (not null) where `lower(trim(affiliation))` is that side. They are kept exact by
 * the database, whoever writes:
 * - a document gets its arrays when it is created (or its call changes), from the parties then stored;
 * - any statement that inserts, updates or deletes parties (the sync replacing a call's parties,
 *   the privacy erasure, `connections remove`, anyone's own SQL) recomputes the arrays of the
 *   documents of the calls it touched, and writes only those that changed.
 *
 * SQLite keeps its per-sentence probe (measured faster there), so this migration does nothing on it.
 *
 * Never edit this file once released: a change is a new migration.
 */
export const searchSpeakerSides: Migration = {
  id: '008-search-speaker-sides',
  statements: (engine) => (engine === 'sqlite' ? [] : postgresStatements()),
};

function postgresStatements(): string[] {
  const recompute = (changed: string) => `
        UPDATE gong_search_documents AS d SET internal_speakers = x.internal_speakers, external_speakers = x.external_speakers
        FROM (
          SELECT d2.id,
            gong_search_speakers(d2.connection_id, d2.call_id, 'internal') AS internal_speakers,
            gong_search_speakers(d2.connection_id, d2.call_id, 'external') AS external_speakers
          FROM gong_search_documents AS d2
          WHERE (d2.connection_id, d2.call_id) IN (SELECT DISTINCT c.connection_id, c.call_id FROM ${changed} AS c)
        ) AS x
        WHERE d.id = x.id AND (d.internal_speakers, d.external_speakers) IS DISTINCT FROM (x.internal_speakers, x.external_speakers);`;
  return [
    `ALTER TABLE gong_search_documents
      ADD COLUMN internal_speakers text[] NOT NULL DEFAULT '{}',
      ADD COLUMN external_speakers text[] NOT NULL DEFAULT '{}'`,
    // The one definition of "a party of this side", as the search filter compared it.
    `CREATE FUNCTION gong_search_speakers(p_connection_id text, p_call_id text, p_side text) RETURNS text[]
      LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT coalesce(array_agg(DISTINCT p.speaker_id ORDER BY p.speaker_id), '{}')
        FROM gong_call_parties AS p
        WHERE p.connection_id = p_connection_id AND p.call_id = p_call_id AND p.speaker_id IS NOT NULL
          AND lower(trim(p.affiliation)) = p_side $$`,
    `CREATE FUNCTION gong_search_document_sides() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        NEW.internal_speakers := gong_search_speakers(NEW.connection_id, NEW.call_id, 'internal');
        NEW.external_speakers := gong_search_speakers(NEW.connection_id, NEW.call_id, 'external');
        RETURN NEW;
      END $$`,
    `CREATE TRIGGER gong_search_document_sides_inserted BEFORE INSERT ON gong_search_documents
      FOR EACH ROW EXECUTE FUNCTION gong_search_document_sides()`,
    `CREATE TRIGGER gong_search_document_sides_moved BEFORE UPDATE OF connection_id, call_id ON gong_search_documents
      FOR EACH ROW WHEN ((OLD.connection_id, OLD.call_id) IS DISTINCT FROM (NEW.connection_id, NEW.call_id))
      EXECUTE FUNCTION gong_search_document_sides()`,
    // Once per statement, with the rows it changed (transition tables), not once per party.
    `CREATE FUNCTION gong_search_on_parties() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN${recompute('new_parties')}
        ELSIF TG_OP = 'DELETE' THEN${recompute('old_parties')}
        ELSE${recompute('(SELECT connection_id, call_id FROM old_parties UNION SELECT connection_id, call_id FROM new_parties)')}
        END IF;
        RETURN NULL;
      END $$`,
    `CREATE TRIGGER gong_search_parties_inserted AFTER INSERT ON gong_call_parties
      REFERENCING NEW TABLE AS new_parties FOR EACH STATEMENT EXECUTE FUNCTION gong_search_on_parties()`,
    `CREATE TRIGGER gong_search_parties_updated AFTER UPDATE ON gong_call_parties
      REFERENCING OLD TABLE AS old_parties NEW TABLE AS new_parties FOR EACH STATEMENT EXECUTE FUNCTION gong_search_on_parties()`,
    `CREATE TRIGGER gong_search_parties_deleted AFTER DELETE ON gong_call_parties
      REFERENCING OLD TABLE AS old_parties FOR EACH STATEMENT EXECUTE FUNCTION gong_search_on_parties()`,
    // Documents indexed before this migration.
    `UPDATE gong_search_documents SET
      internal_speakers = gong_search_speakers(connection_id, call_id, 'internal'),
      external_speakers = gong_search_speakers(connection_id, call_id, 'external')`,
  ];
}
