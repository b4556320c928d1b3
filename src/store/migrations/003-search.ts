import type { Migration } from './column-types.js';

/**
 * Full-text search over transcript sentences (docs/search.md explains the design).
 *
 * One index row per sentence, kept exact by triggers on `gong_transcripts` (insert, update of the
 * segments on a re-fetch, delete when a call turns private or is removed), so every writer keeps
 * it current: the sync, `connections remove`, and anyone's own SQL.
 *
 * - `gong_search_documents`: one row per indexed transcript (`connection_id`, `call_id`) with a
 *   small integer `id` and the call's `started_at`, copied here (and kept current by triggers on
 *   `gong_calls`) so that ranking and date filters never read the wide `gong_calls` rows.
 * - A sentence's id packs where it is: `document id << 32 | monologue index << 14 | sentence
 *   index`. Newer transcripts get larger ids, so "newest first" is an index order, and all of a
 *   transcript's rows are one id range (deleting them needs no secondary index).
 * - SQLite: `gong_search_sentences` is a contentless FTS5 table (the text is not stored twice: it
 *   stays in `segments`), `gong_search_monologues` holds each monologue's speaker id.
 * - PostgreSQL: `gong_search_sentences` holds a `tsvector` per sentence with a GIN index, and
 *   the speaker id.
 *
 * Never edit this file once released: a change to the index is a new migration.
 */
export const search: Migration = {
  id: '003-search',
  statements: (engine) => (engine === 'sqlite' ? sqliteStatements() : postgresStatements()),
};

/** Bits of a sentence id: 18 for the monologue index, 14 for the sentence index. */
export const SEARCH_MONOLOGUE_LIMIT = 2 ** 18;
export const SEARCH_SENTENCE_LIMIT = 2 ** 14;
/** `id << 32` must stay a positive 64-bit integer. */
export const SEARCH_DOCUMENT_LIMIT = 2 ** 31;

/**
 * Characters that separate words in the PostgreSQL index, as one regular-expression class valid
 * in both PostgreSQL and JavaScript: ASCII punctuation and controls, Latin-1 punctuation, general
 * punctuation, CJK and full-width punctuation. Replacing them by spaces before `to_tsvector`
 * makes PostgreSQL split "sign-on", "v2.1" or "a@b.com" into words the way SQLite's unicode61
 * tokenizer does (its parser would otherwise keep hyphenated words, versions and e-mail
 * addresses whole), so phrases behave alike on both engines. Query words are split with the
 * same class (`src/search/postgres/compile-tsquery.ts`). Explicit code points rather than `[:alnum:]`,
 * whose meaning for non-ASCII letters depends on the database's locale.
 */
export const SEARCH_WORD_SEPARATORS =
  '[\\u0001-\\u002f\\u003a-\\u0040\\u005b-\\u0060\\u007b-\\u00a9\\u00ab-\\u00b1\\u00b4\\u00b6-\\u00b8\\u00bb\\u00bf\\u00d7\\u00f7' +
  '\\u2000-\\u206f\\u3000-\\u3003\\u3008-\\u3011\\u3014-\\u301f\\ufe10-\\ufe19\\ufe30-\\ufe4f\\uff01-\\uff0f\\uff1a-\\uff20\\uff3b-\\uff40\\uff5b-\\uff65]';

/**
 * Latin letters with diacritics and their base letter, for PostgreSQL's `translate()`: SQLite's
 * tokenizer removes diacritics (`remove_diacritics 2`), and `unaccent` is an extension we cannot
 * count on. Generated from Unicode's canonical decompositions, which Unicode guarantees never to
 * change, so this migration's text is the same on every machine.
 */
export const SEARCH_DIACRITIC_FOLD: { from: string; to: string } = (() => {
  let from = '';
  let to = '';
  for (const [first, last] of [[0xc0, 0x24f], [0x1e00, 0x1eff]] as const) {
    for (let code = first; code <= last; code++) {
      const char = String.fromCodePoint(code);
      const base = char.normalize('NFD').replace(/\p{M}/gu, '');
      if (base.length === 1 && /[A-Za-z]/.test(base) && base !== char) {
        from += char;
        to += base;
      }
    }
  }
  return { from, to };
})();

const TRANSCRIPT_OF_DOCUMENT = 'JOIN gong_transcripts AS t ON t.connection_id = d.connection_id AND t.call_id = d.call_id';
const ID_SPAN = 4294967295; // 2^32 - 1: the ids of one document are [id << 32, (id << 32) + ID_SPAN]

/**
 * Where the SQLite statements read a transcript from: `from` (a FROM clause), the document id
 * (`docId`, an SQL expression), the segments' JSON text, and a `where` selecting the rows.
 */
interface SqliteSource {
  from: string;
  docId: string;
  segments: string;
  where: string;
}

/** The monologues of `segments`: nothing when the text is not a JSON array (never a failed write). */
function monologuesOf(segments: string): string {
  return `json_each(CASE WHEN json_valid(${segments}) THEN CASE json_type(${segments}) WHEN 'array' THEN ${segments} END END) AS m`;
}

/**
 * Adds (`insert`) or removes (`delete`) the FTS5 rows of the sentences of a source. Removal uses
 * FTS5's `'delete'` command with the text that was indexed, read again from the same segments,
 * rather than `contentless_delete=1`: measured, a contentless-delete table never lowers its row
 * and token totals, so bm25's statistics would drift with every re-fetch. Sentences that are not
 * objects, have no text, or sit beyond the id's bits are left out, identically both ways.
 */
function sqliteSentenceRows(verb: 'insert' | 'delete', source: SqliteSource): string {
  const command = verb === 'delete' ? ["gong_search_sentences, ", "'delete', "] : ['', ''];
  return `INSERT INTO gong_search_sentences (${command[0]}rowid, text)
      SELECT ${command[1]}(${source.docId} << 32) | (m.key << 14) | s.key, s.value ->> '$.text'
      FROM ${source.from}
        CROSS JOIN ${monologuesOf(source.segments)}
        CROSS JOIN json_each(CASE WHEN m.type = 'object' THEN m.value ELSE '{}' END, '$.sentences') AS s
      WHERE ${source.where} AND m.key < ${SEARCH_MONOLOGUE_LIMIT} AND s.key < ${SEARCH_SENTENCE_LIMIT}
        AND json_type(s.value, '$.text') = 'text'`;
}

/** Each monologue's speaker id (text, or a number's JSON text, so no digit of a 20-digit id is lost). */
function sqliteMonologueRows(source: SqliteSource): string {
  return `INSERT INTO gong_search_monologues (id, speaker_id)
      SELECT (${source.docId} << 32) | (m.key << 14),
        CASE json_type(m.value, '$.speakerId') WHEN 'text' THEN m.value ->> '$.speakerId' WHEN 'integer' THEN m.value -> '$.speakerId' END
      FROM ${source.from} CROSS JOIN ${monologuesOf(source.segments)}
      WHERE ${source.where} AND m.type = 'object' AND m.key < ${SEARCH_MONOLOGUE_LIMIT}`;
}

/**
 * Re-indexes one connection (SQLite): every statement takes the connection id as its one
 * parameter. Used by `rebuildSearchIndex`; the migration's backfill is the same for all.
 */
export function sqliteRebuildStatements(): string[] {
  return [
    // The documents' trigger removes their sentences, with the transcripts' text.
    'DELETE FROM gong_search_documents WHERE connection_id = ?',
    ...sqliteBackfill('t.connection_id = ?', 'd.connection_id = ?'),
  ];
}

/**
 * Documents for the transcripts a `WHERE` clause selects, oldest call first so that document
 * ids follow call dates (the ranking window counts on newest = largest id), then their rows.
 */
function sqliteBackfill(transcripts: string, documents: string): string[] {
  const source: SqliteSource = { from: `gong_search_documents AS d ${TRANSCRIPT_OF_DOCUMENT}`, docId: 'd.id', segments: 't.segments', where: documents };
  return [
    `INSERT INTO gong_search_documents (connection_id, call_id, started_at)
      SELECT t.connection_id, t.call_id, c.started_at
      FROM gong_transcripts AS t LEFT JOIN gong_calls AS c ON c.connection_id = t.connection_id AND c.id = t.call_id
      WHERE ${transcripts}
      ORDER BY c.started_at, t.connection_id, t.call_id`,
    sqliteMonologueRows(source),
    sqliteSentenceRows('insert', source),
  ];
}

function sqliteStatements(): string[] {
  const documentOf = (row: 'new' | 'old'): SqliteSource => ({
    from: 'gong_search_documents AS d',
    docId: 'd.id',
    segments: `${row}.segments`,
    where: `d.connection_id = ${row}.connection_id AND d.call_id = ${row}.call_id`,
  });
  const body = (...statements: string[]) => statements.map((statement) => `${statement};`).join('\n    ');
  const callStart = (row: 'new') => `(SELECT c.started_at FROM gong_calls AS c WHERE c.connection_id = ${row}.connection_id AND c.id = ${row}.call_id)`;
  return [
    `CREATE TABLE gong_search_documents (
      id INTEGER PRIMARY KEY CHECK (id < ${SEARCH_DOCUMENT_LIMIT}),
      connection_id TEXT NOT NULL,
      call_id TEXT NOT NULL,
      started_at TEXT,
      UNIQUE (connection_id, call_id)
    )`,
    `CREATE TABLE gong_search_monologues (
      id INTEGER PRIMARY KEY,
      speaker_id TEXT
    )`,
    // Contentless: the text is not stored twice, it stays in `segments`. unicode61 without
    // stemming (exact words in any language; `prefix*` covers word endings), diacritics folded.
    // No prefix indexes: measured, they made the index 2.6 times larger for little gain.
    `CREATE VIRTUAL TABLE gong_search_sentences USING fts5(
      text,
      content = '',
      tokenize = 'unicode61 remove_diacritics 2'
    )`,
    `CREATE TRIGGER gong_search_transcript_inserted AFTER INSERT ON gong_transcripts BEGIN
    ${body(
      `INSERT INTO gong_search_documents (connection_id, call_id, started_at) VALUES (new.connection_id, new.call_id, ${callStart('new')})`,
      sqliteMonologueRows(documentOf('new')),
      sqliteSentenceRows('insert', documentOf('new')),
    )}
    END`,
    // A re-fetch replaces the rows and keeps the document (and its id).
    `CREATE TRIGGER gong_search_transcript_updated AFTER UPDATE OF connection_id, call_id, segments ON gong_transcripts
    WHEN old.segments IS NOT new.segments OR old.connection_id IS NOT new.connection_id OR old.call_id IS NOT new.call_id
    BEGIN
    ${body(
      sqliteSentenceRows('delete', documentOf('old')),
      `DELETE FROM gong_search_monologues WHERE id BETWEEN
        (SELECT id << 32 FROM gong_search_documents WHERE connection_id = old.connection_id AND call_id = old.call_id)
        AND (SELECT (id << 32) + ${ID_SPAN} FROM gong_search_documents WHERE connection_id = old.connection_id AND call_id = old.call_id)`,
      `UPDATE gong_search_documents SET connection_id = new.connection_id, call_id = new.call_id, started_at = ${callStart('new')}
        WHERE connection_id = old.connection_id AND call_id = old.call_id`,
      sqliteMonologueRows(documentOf('new')),
      sqliteSentenceRows('insert', documentOf('new')),
    )}
    END`,
    `CREATE TRIGGER gong_search_transcript_deleted AFTER DELETE ON gong_transcripts BEGIN
    ${body(
      sqliteSentenceRows('delete', documentOf('old')),
      `DELETE FROM gong_search_documents WHERE connection_id = old.connection_id AND call_id = old.call_id`,
    )}
    END`,
    // A document deleted by anyone else (`connections remove` deletes by `connection_id`, table
    // by table; `rebuildSearchIndex`) takes its rows with it, read from its transcript. When the
    // transcript's own trigger deleted it, the transcript is gone and its rows are already out.
    `CREATE TRIGGER gong_search_document_deleted AFTER DELETE ON gong_search_documents BEGIN
    ${body(
      sqliteSentenceRows('delete', {
        from: 'gong_transcripts AS t',
        docId: 'old.id',
        segments: 't.segments',
        where: 't.connection_id = old.connection_id AND t.call_id = old.call_id',
      }),
      `DELETE FROM gong_search_monologues WHERE id BETWEEN (old.id << 32) AND (old.id << 32) + ${ID_SPAN}`,
    )}
    END`,
    `CREATE TRIGGER gong_search_call_inserted AFTER INSERT ON gong_calls BEGIN
    UPDATE gong_search_documents SET started_at = new.started_at WHERE connection_id = new.connection_id AND call_id = new.id;
    END`,
    `CREATE TRIGGER gong_search_call_updated AFTER UPDATE OF connection_id, id, started_at ON gong_calls
    WHEN old.started_at IS NOT new.started_at OR old.connection_id IS NOT new.connection_id OR old.id IS NOT new.id
    BEGIN
    UPDATE gong_search_documents SET started_at = NULL WHERE connection_id = old.connection_id AND call_id = old.id;
    UPDATE gong_search_documents SET started_at = new.started_at WHERE connection_id = new.connection_id AND call_id = new.id;
    END`,
    // A transcript whose call is gone is not searchable (its hit would have no title or link).
    `CREATE TRIGGER gong_search_call_deleted AFTER DELETE ON gong_calls BEGIN
    UPDATE gong_search_documents SET started_at = NULL WHERE connection_id = old.connection_id AND call_id = old.id;
    END`,
    // Transcripts stored before this migration.
    ...sqliteBackfill('1 = 1', '1 = 1'),
  ];
}

function postgresStatements(): string[] {
  const { from, to } = SEARCH_DIACRITIC_FOLD;
  return [
    // translate() with ~500 pairs costs ~250 µs a sentence (measured): most speech is ASCII and
    // skips it.
    `CREATE FUNCTION gong_search_fold(value text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $$ SELECT CASE WHEN value ~ '[^\\u0001-\\u007f]' THEN translate(value, '${from}', '${to}') ELSE value END $$`,
    // The 'simple' configuration: no stemming and no stop words, like the SQLite index, so a
    // word matches itself in every language and "SOC 2" keeps its "2".
    `CREATE FUNCTION gong_search_vector(value text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $$ SELECT to_tsvector('simple'::regconfig, regexp_replace(gong_search_fold(value), '${SEARCH_WORD_SEPARATORS}+', ' ', 'g')) $$`,
    `CREATE TABLE gong_search_documents (
      id bigserial PRIMARY KEY CHECK (id < ${SEARCH_DOCUMENT_LIMIT}),
      connection_id text NOT NULL,
      call_id text NOT NULL,
      started_at timestamptz,
      UNIQUE (connection_id, call_id)
    )`,
    `CREATE TABLE gong_search_sentences (
      connection_id text NOT NULL,
      id bigint NOT NULL,
      speaker_id text,
      tsv tsvector NOT NULL,
      PRIMARY KEY (connection_id, id)
    )`,
    `CREATE INDEX gong_search_sentences_tsv ON gong_search_sentences USING gin (tsv)`,
    // Indexes one transcript: its document keeps its id across re-fetches (the sequence is not
    // spent on every update), its sentences are replaced.
    `CREATE FUNCTION gong_search_index_transcript(p_connection_id text, p_call_id text, p_segments jsonb) RETURNS void
      LANGUAGE plpgsql AS $$
      DECLARE
        doc bigint;
      BEGIN
        SELECT id INTO doc FROM gong_search_documents WHERE connection_id = p_connection_id AND call_id = p_call_id;
        IF doc IS NULL THEN
          INSERT INTO gong_search_documents (connection_id, call_id, started_at)
          VALUES (p_connection_id, p_call_id, (SELECT c.started_at FROM gong_calls AS c WHERE c.connection_id = p_connection_id AND c.id = p_call_id))
          RETURNING id INTO doc;
        ELSE
          DELETE FROM gong_search_sentences WHERE connection_id = p_connection_id AND id BETWEEN doc << 32 AND (doc << 32) + ${ID_SPAN};
        END IF;
        INSERT INTO gong_search_sentences (connection_id, id, speaker_id, tsv)
        SELECT p_connection_id, (doc << 32) | ((m.ord - 1) << 14) | (s.ord - 1),
          CASE jsonb_typeof(m.value -> 'speakerId') WHEN 'string' THEN m.value ->> 'speakerId' WHEN 'number' THEN m.value ->> 'speakerId' END,
          gong_search_vector(s.value ->> 'text')
        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p_segments) = 'array' THEN p_segments ELSE '[]'::jsonb END) WITH ORDINALITY AS m(value, ord)
        CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(m.value -> 'sentences') = 'array' THEN m.value -> 'sentences' ELSE '[]'::jsonb END) WITH ORDINALITY AS s(value, ord)
        WHERE jsonb_typeof(s.value -> 'text') = 'string' AND m.ord <= ${SEARCH_MONOLOGUE_LIMIT} AND s.ord <= ${SEARCH_SENTENCE_LIMIT};
      END $$`,
    `CREATE FUNCTION gong_search_on_transcript() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (OLD.connection_id, OLD.call_id) IS DISTINCT FROM (NEW.connection_id, NEW.call_id)) THEN
          DELETE FROM gong_search_documents WHERE connection_id = OLD.connection_id AND call_id = OLD.call_id;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          PERFORM gong_search_index_transcript(NEW.connection_id, NEW.call_id, NEW.segments);
        END IF;
        RETURN NULL;
      END $$`,
    `CREATE TRIGGER gong_search_transcript_inserted AFTER INSERT ON gong_transcripts
      FOR EACH ROW EXECUTE FUNCTION gong_search_on_transcript()`,
    `CREATE TRIGGER gong_search_transcript_updated AFTER UPDATE OF connection_id, call_id, segments ON gong_transcripts
      FOR EACH ROW WHEN (OLD.segments IS DISTINCT FROM NEW.segments OR OLD.connection_id IS DISTINCT FROM NEW.connection_id OR OLD.call_id IS DISTINCT FROM NEW.call_id)
      EXECUTE FUNCTION gong_search_on_transcript()`,
    `CREATE TRIGGER gong_search_transcript_deleted AFTER DELETE ON gong_transcripts
      FOR EACH ROW EXECUTE FUNCTION gong_search_on_transcript()`,
    // Whoever deletes a document (the trigger above, or `connections remove`) takes its sentences.
    `CREATE FUNCTION gong_search_on_document_deleted() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM gong_search_sentences WHERE connection_id = OLD.connection_id AND id BETWEEN OLD.id << 32 AND (OLD.id << 32) + ${ID_SPAN};
        RETURN NULL;
      END $$`,
    `CREATE TRIGGER gong_search_document_deleted AFTER DELETE ON gong_search_documents
      FOR EACH ROW EXECUTE FUNCTION gong_search_on_document_deleted()`,
    // The call's start, copied into its document; a transcript whose call is gone is not searchable.
    `CREATE FUNCTION gong_search_on_call() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (OLD.connection_id, OLD.id) IS DISTINCT FROM (NEW.connection_id, NEW.id)) THEN
          UPDATE gong_search_documents SET started_at = NULL WHERE connection_id = OLD.connection_id AND call_id = OLD.id;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          UPDATE gong_search_documents SET started_at = NEW.started_at WHERE connection_id = NEW.connection_id AND call_id = NEW.id;
        END IF;
        RETURN NULL;
      END $$`,
    `CREATE TRIGGER gong_search_call_inserted AFTER INSERT ON gong_calls
      FOR EACH ROW EXECUTE FUNCTION gong_search_on_call()`,
    `CREATE TRIGGER gong_search_call_updated AFTER UPDATE OF connection_id, id, started_at ON gong_calls
      FOR EACH ROW WHEN (OLD.started_at IS DISTINCT FROM NEW.started_at OR OLD.connection_id IS DISTINCT FROM NEW.connection_id OR OLD.id IS DISTINCT FROM NEW.id)
      EXECUTE FUNCTION gong_search_on_call()`,
    `CREATE TRIGGER gong_search_call_deleted AFTER DELETE ON gong_calls
      FOR EACH ROW EXECUTE FUNCTION gong_search_on_call()`,
    // Re-indexes one connection from its transcripts, oldest call first so that document ids
    // follow call dates (the ranking window counts on newest = largest id). Used for the
    // transcripts stored before this migration and by `rebuildSearchIndex`.
    `CREATE FUNCTION gong_search_rebuild(p_connection_id text) RETURNS integer
      LANGUAGE plpgsql AS $$
      DECLARE
        r record;
        n integer := 0;
      BEGIN
        DELETE FROM gong_search_sentences WHERE connection_id = p_connection_id;
        DELETE FROM gong_search_documents WHERE connection_id = p_connection_id;
        FOR r IN
          SELECT t.call_id, t.segments FROM gong_transcripts AS t
          LEFT JOIN gong_calls AS c ON c.connection_id = t.connection_id AND c.id = t.call_id
          WHERE t.connection_id = p_connection_id
          ORDER BY c.started_at NULLS FIRST, t.call_id
        LOOP
          PERFORM gong_search_index_transcript(p_connection_id, r.call_id, r.segments);
          n := n + 1;
        END LOOP;
        RETURN n;
      END $$`,
    `SELECT gong_search_rebuild(c.connection_id) FROM (SELECT DISTINCT connection_id FROM gong_transcripts) AS c`,
  ];
}
