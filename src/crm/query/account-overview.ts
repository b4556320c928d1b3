import { sql } from 'kysely';
import { callsOfAccount } from '../../calls/query/calls-of-account.js';
import { listCalls, type CallListing } from '../../calls/query/list-calls.js';
import { normalizeTime, type GongStore } from '../../store/gong-store.js';
import type { ResolvedCrmObject } from './resolve-crm-object.js';

export interface AccountOverview {
  account: { id: string; name: string | null; domain: string | null; website: string | null };
  deals: { id: string; name: string | null; stage: string | null; amount: number | null; closeDate: string | null; isClosed: boolean | null; isWon: boolean | null }[];
  /** Every linked call: how many, the first and the latest. */
  callCount: number;
  firstCallAt: string | null;
  lastCallAt: string | null;
  /** The newest calls, with their briefs (`list_calls` with the account pages further). */
  calls: CallListing[];
  /** People who spoke on the account's calls, most calls first. */
  people: { name: string | null; email: string | null; title: string | null; affiliation: string | null; calls: number }[];
}

/**
 * An account at a glance: its deals, its calls newest first with Gong's briefs, and the people
 * who spoke on them (theirs and ours).
 *
 * @example const overview = await accountOverview(store, await resolveAccount(store, 'Acme'), { calls: 10 });
 */
export async function accountOverview(store: GongStore, account: ResolvedCrmObject, options: { calls?: number; people?: number } = {}): Promise<AccountOverview> {
  const db = store.scoped;
  const id = store.connectionId;
  // Independent questions, asked together: on PostgreSQL they overlap on the pool's connections.
  const [row, deals, span, { calls }, speakers] = await Promise.all([
    db
      .selectFrom('crm_accounts')
      .select(['id', 'name', 'domain', 'website'])
      .where('connection_id', '=', id)
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('crm_deals')
      .select(['id', 'name', 'stage', 'amount', 'close_date', 'is_closed', 'is_won'])
      .where('connection_id', '=', id)
      .where('account_id', '=', account.id)
      .orderBy('close_date', 'desc')
      .orderBy('id')
      .execute(),
    sql<{ n: number | string; first: string | null; last: string | null }>`
      SELECT count(*) AS n, min(c.started_at) AS first, max(c.started_at) AS last FROM gong_calls AS c
      WHERE c.connection_id = ${id} AND c.id IN (${callsOfAccount(id, account.id)})`.execute(store.scoped),
    listCalls(store, { accountId: account.id, limit: options.calls ?? 10 }),
    sql<{ name: string | null; email: string | null; title: string | null; affiliation: string | null; user_id: string | null; n: number | string }>`
      SELECT max(p.name) AS name, lower(p.email) AS email, max(p.title) AS title, max(p.affiliation) AS affiliation, p.user_id, count(DISTINCT p.call_id) AS n
      FROM gong_call_parties AS p
      WHERE p.connection_id = ${id} AND p.speaker_id IS NOT NULL AND p.call_id IN (${callsOfAccount(id, account.id)})
      GROUP BY lower(p.email), p.user_id, CASE WHEN p.email IS NULL THEN p.name END
      ORDER BY n DESC, email
      LIMIT ${options.people ?? 25}`.execute(store.scoped),
  ]);
  const users = await store.userNames(speakers.rows.flatMap((p) => (p.user_id ? [p.user_id] : [])));
  const first = span.rows[0];
  return {
    account: { id: row.id, name: row.name, domain: row.domain, website: row.website },
    deals: deals.map((d) => ({
      id: d.id,
      name: d.name,
      stage: d.stage,
      amount: d.amount === null ? null : Number(d.amount),
      closeDate: d.close_date === null ? null : normalizeTime(d.close_date),
      isClosed: d.is_closed === null ? null : Boolean(d.is_closed),
      isWon: d.is_won === null ? null : Boolean(d.is_won),
    })),
    callCount: Number(first?.n ?? 0),
    firstCallAt: first?.first ? normalizeTime(first.first) : null,
    lastCallAt: first?.last ? normalizeTime(first.last) : null,
    calls,
    people: speakers.rows.map((p) => {
      const user = p.user_id ? users.get(p.user_id) : undefined;
      const userName = user ? [user.firstName, user.lastName].filter(Boolean).join(' ') || null : null;
      return { name: p.name ?? userName, email: p.email ?? user?.emailAddress ?? null, title: p.title, affiliation: p.affiliation, calls: Number(p.n) };
    }),
  };
}
