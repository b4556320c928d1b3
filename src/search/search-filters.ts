/**
 * The filters of a search as SQL conditions on the candidate sentences, shared by both engines.
 * In scope: `d` (the sentence's `gong_search_documents` row: `connection_id`, `call_id`,
 * `started_at`, and on PostgreSQL `internal_speakers`, `external_speakers`) and the sentence's
 * speaker id (`speaker`). Every value is a bound parameter.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../store/schema/index.js';
import { UNKNOWN_SPEAKER } from '../transcript/resolve-speaker.js';
import type { ResolvedSearchOptions } from './search-options.js';

/**
 * The speaker's name as `speakerResolver` (README.md, "CLI") gives it: the
 * party's name, else the Gong user's first and last name, else the party's e-mail, else the
 * user's e-mail, else "Unknown speaker". `p` is the party, `u` its Gong user.
 */
const RESOLVED_NAME = sql`coalesce(
  nullif(trim(p.name), ''),
  nullif(trim(coalesce(trim(u.first_name), '') || ' ' || coalesce(trim(u.last_name), '')), ''),
  nullif(trim(p.email), ''),
  nullif(trim(u.email), ''),
  ${UNKNOWN_SPEAKER})`;

/** `needle` (already lower-cased) occurs in `haystack`, ignoring case: the one piece of SQL the engines spell differently. */
export type Contains = (haystack: RawBuilder<unknown>, needle: string) => RawBuilder<boolean>;

/**
 * How a filter on the sentence's speaker reaches the parties:
 * - `set` (PostgreSQL): an uncorrelated `IN`; the planner hashes the set once per search. The
 *   side (`affiliation`) is read from the document's `internal_speakers` / `external_speakers`
 *   instead (migration `008-search-speaker-sides`): hashing every party of 50,000 calls cost more
 *   than the search.
 * - `probe` (SQLite): a correlated `EXISTS` per matching sentence, one seek in the parties'
 *   primary key or side index. Building the set instead costs a fixed ~50–200 ms over 150,000
 *   parties before the first match; the probes measured 1.7–4× faster over 50,000 calls for
 *   rare and common words alike (docs/search.md, "Size and latency").
 */
export type SpeakerFilterForm = 'set' | 'probe';

/** Whether the sentence's (call, speaker id) is one of the parties `where` selects. */
function speakerAmong(form: SpeakerFilterForm, scoped: Kysely<Database>, speaker: RawBuilder<unknown>, where: RawBuilder<boolean>, withUsers = false): RawBuilder<unknown> {
  if (form === 'probe') return sql`(${speaker} IS NOT NULL AND EXISTS ${partyOf(scoped, speaker, where, withUsers)})`;
  return sql`(${speaker} IS NOT NULL AND (d.call_id, ${speaker}) IN ${parties(scoped, where, withUsers)})`;
}

/**
 * The negation, true for a sentence without a speaker id too. As a set, not `NOT IN`: SQLite
 * runs a row-value `NOT IN` about 15 times slower than the same probe wrapped in a CASE.
 */
function speakerNotAmong(form: SpeakerFilterForm, scoped: Kysely<Database>, speaker: RawBuilder<unknown>, where: RawBuilder<boolean>): RawBuilder<unknown> {
  if (form === 'probe') return sql`(${speaker} IS NULL OR NOT EXISTS ${partyOf(scoped, speaker, where)})`;
  return sql`(${speaker} IS NULL OR CASE WHEN (d.call_id, ${speaker}) IN ${parties(scoped, where)} THEN 0 ELSE 1 END = 1)`;
}

/** The connection's parties `p`, with their Gong user `u` when a condition names the user. */
function partiesTable(scoped: Kysely<Database>, withUsers: boolean) {
  const base = scoped.selectFrom('gong_call_parties as p');
  return withUsers ? base.leftJoin('gong_users as u', 'u.id', 'p.user_id') : base;
}

/** (call, speaker id) of the connection's parties that have a speaker id and meet `where`. */
function parties(scoped: Kysely<Database>, where: RawBuilder<boolean>, withUsers = false) {
  return partiesTable(scoped, withUsers).select(['p.call_id', 'p.speaker_id']).where('p.speaker_id', 'is not', null).where(where);
}

/** The sentence's own party, if it meets `where`: correlated with `d.call_id` and the speaker id. */
function partyOf(scoped: Kysely<Database>, speaker: RawBuilder<unknown>, where: RawBuilder<boolean>, withUsers = false) {
  return partiesTable(scoped, withUsers).select(sql`1`.as('one')).where(sql<boolean>`p.call_id = d.call_id`).where(sql<boolean>`p.speaker_id = ${speaker}`).where(where);
}

/** Whether the options need the sentence's speaker (SQLite then joins its monologue). */
export function needsSpeaker(options: ResolvedSearchOptions): boolean {
  return options.speaker !== undefined || options.affiliation !== undefined;
}

/**
 * The conditions of the options other than the query, the connection and the call. A speaker
 * matched by several parties of one call (Gong promises it never is) counts as any of them.
 * The subqueries are built on the connection-scoped handle, so the scope filters their tables
 * when the ranking query runs on `store.scoped`.
 */
export function filterConditions(
  contains: Contains,
  scoped: Kysely<Database>,
  options: ResolvedSearchOptions,
  speaker: RawBuilder<unknown>,
  form: SpeakerFilterForm = 'set',
): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [];
  if (options.since !== undefined) out.push(sql`d.started_at >= ${options.since}`);
  if (options.until !== undefined) out.push(sql`d.started_at < ${options.until}`);
  if (options.speaker !== undefined) {
    const named = speakerAmong(form, scoped, speaker, contains(RESOLVED_NAME, options.speaker), true);
    // A speaker no party stands for (a null speaker id, a stranger) is "Unknown speaker" too.
    out.push(
      UNKNOWN_SPEAKER.toLowerCase().includes(options.speaker)
        ? sql`(${named} OR ${speakerNotAmong(form, scoped, speaker, sql<boolean>`1 = 1`)})`
        : named,
    );
  }
  if (form === 'set') {
    // PostgreSQL: the document row carries its call's speaker ids by side (migration
    // `008-search-speaker-sides`, the same parties as the conditions below), no set to build.
    if (options.affiliation === 'internal') out.push(sql`(${speaker} IS NOT NULL AND ${speaker} = ANY(d.internal_speakers))`);
    else if (options.affiliation === 'external') out.push(sql`(${speaker} IS NOT NULL AND ${speaker} = ANY(d.external_speakers))`);
    else if (options.affiliation === 'unknown') {
      out.push(sql`(${speaker} IS NULL OR NOT (${speaker} = ANY(d.internal_speakers) OR ${speaker} = ANY(d.external_speakers)))`);
    }
  } else if (options.affiliation === 'internal' || options.affiliation === 'external') {
    out.push(speakerAmong(form, scoped, speaker, sql<boolean>`lower(trim(p.affiliation)) = ${options.affiliation}`));
  } else if (options.affiliation === 'unknown') {
    out.push(speakerNotAmong(form, scoped, speaker, sql<boolean>`lower(trim(p.affiliation)) IN ('internal', 'external')`));
  }
  if (options.account !== undefined) {
    // Not correlated with the sentence: the engine computes the set of calls once.
    const byAccount = scoped
      .selectFrom('gong_call_links as l')
      .innerJoin('crm_accounts as a', 'a.id', 'l.crm_object_id')
      .select('l.call_id')
      .where('l.crm_object_type', '=', 'account')
      .where(contains(sql`a.name`, options.account));
    const byDeal = scoped
      .selectFrom('gong_call_links as l')
      .innerJoin('crm_deals as dl', 'dl.id', 'l.crm_object_id')
      .innerJoin('crm_accounts as a', 'a.id', 'dl.account_id')
      .select('l.call_id')
      .where('l.crm_object_type', '=', 'deal')
      .where(contains(sql`a.name`, options.account));
    out.push(sql`d.call_id IN ${byAccount.union(byDeal)}`);
  }
  if (options.tracker !== undefined) {
    const fired = scoped
      .selectFrom('gong_call_trackers as t')
      .select('t.call_id')
      .where(sql<boolean>`lower(trim(t.name)) = ${options.tracker}`)
      .where('t.count', '>', 0);
    out.push(sql`d.call_id IN ${fired}`);
  }
  if (options.accountId !== undefined) {
    const direct = scoped.selectFrom('gong_call_links as l').select('l.call_id').where('l.crm_object_type', '=', 'account').where('l.crm_object_id', '=', options.accountId);
    const viaDeal = scoped
      .selectFrom('gong_call_links as l')
      .innerJoin('crm_deals as dl', 'dl.id', 'l.crm_object_id')
      .select('l.call_id')
      .where('l.crm_object_type', '=', 'deal')
      .where('dl.account_id', '=', options.accountId);
    out.push(sql`d.call_id IN ${direct.union(viaDeal)}`);
  }
  if (options.dealId !== undefined) {
    const ofDeal = scoped.selectFrom('gong_call_links as l').select('l.call_id').where('l.crm_object_type', '=', 'deal').where('l.crm_object_id', '=', options.dealId);
    out.push(sql`d.call_id IN ${ofDeal}`);
  }
  return out;
}
