import type { Engine, Migration } from './column-types.js';

/** A party's e-mail domain, lower-cased, as an SQL expression over `email` (indexed below). */
export const PARTICIPANT_DOMAIN: Record<Engine, string> = {
  sqlite: "lower(substr(email, instr(email, '@') + 1))",
  postgres: "lower(substr(email, strpos(email, '@') + 1))",
};

/**
 * Indexes for the MCP server's questions (docs/mcp.md, "Performance"), measured with
 * `bench/mcp.mjs` over 50,000 calls:
 * - calls newest first, paged by `(started_at, id)`: the id in the index makes the keyset
 *   condition and the tie-break an index walk (it replaces `gong_calls_started`, a prefix of it);
 * - a Gong user's calls: as host (`primary_user_id`) and as a party (`user_id`);
 * - a participant's calls by e-mail address, whatever its case, or by its domain (the text after
 *   the `@`: `instr` on SQLite, `strpos` on PostgreSQL, the same value; `participantDomain` in
 *   `src/calls/query/list-calls.ts` writes the same expression, so the index serves it);
 * - a call's parties by side, covering the speaker ids: `search_transcripts` with `affiliation`
 *   builds its set of (call, speaker) from an index range instead of reading every party
 *   (`src/search/search-filters.ts` compares `lower(trim(affiliation))`, this expression).
 *
 * Never edit this file once released: a change is a new migration.
 */
export const mcpIndexes: Migration = {
  id: '007-mcp-indexes',
  statements: (engine) => [
    'CREATE INDEX gong_calls_started_id ON gong_calls (connection_id, started_at, id)',
    'DROP INDEX gong_calls_started',
    'CREATE INDEX gong_calls_primary_user ON gong_calls (connection_id, primary_user_id)',
    'CREATE INDEX gong_call_parties_user ON gong_call_parties (connection_id, user_id)',
    'CREATE INDEX gong_call_parties_email_lower ON gong_call_parties (connection_id, lower(email))',
    `CREATE INDEX gong_call_parties_email_domain ON gong_call_parties (connection_id, ${PARTICIPANT_DOMAIN[engine]})`,
    'CREATE INDEX gong_call_parties_side ON gong_call_parties (connection_id, lower(trim(affiliation)), call_id, speaker_id)',
  ],
};
