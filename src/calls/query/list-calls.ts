import { sql, type Expression, type SqlBool } from 'kysely';
import { ConfigError } from '../../errors.js';
import { gongCallPage } from '../../search/gong-call-link.js';
import { normalizeTime, type GongStore } from '../../store/gong-store.js';
import { PARTICIPANT_DOMAIN } from '../../store/migrations/007-mcp-indexes.js';
import { callsOfAccount } from './calls-of-account.js';
import { callCrmLinks, type CallAccountLink, type CallDealLink } from './call-crm-links.js';
import { callIntelligence } from './call-intelligence.js';
import { callParticipants, type CallParticipant } from './call-participants.js';

export interface ListCallsFilter {
  /** Calls linked to this CRM account, directly or through one of its deals. */
  accountId?: string;
  /** Calls linked to this CRM deal. */
  dealId?: string;
  /** A participant's e-mail address or domain (the part after the `@`), any case. */
  participant?: string;
  /** Calls hosted by, or attended by, this Gong user. */
  userId?: string;
  /** UTC ISO instants: calls that started at or after / before. */
  since?: string;
  until?: string;
  /** At most this many calls (newest first). */
  limit: number;
  /** Where the previous page stopped (`nextCursor`). */
  cursor?: string;
}

export interface CallListing {
  id: string;
  title: string | null;
  startedAt: string;
  durationSeconds: number | null;
  participants: CallParticipant[];
  brief: string | null;
  outcome: string | null;
  trackers: { name: string; count: number }[];
  accounts: CallAccountLink[];
  deals: CallDealLink[];
  url: string;
}

/**
 * The connection's calls, newest first, filtered and paged by keyset: `nextCursor` names the
 * last call of the page, so a page costs the same however deep it is and a call synced between
 * two pages never shifts the later ones. Each call comes with its participants, brief, outcome,
 * trackers and CRM links.
 *
 * @example
 * const page = await listCalls(store, { accountId: '0018W00000Acme1QAB', limit: 20 });
 * const next = await listCalls(store, { accountId: '0018W00000Acme1QAB', limit: 20, cursor: page.nextCursor! });
 * @throws ConfigError when the cursor is not one this function gave
 */
export async function listCalls(store: GongStore, filter: ListCallsFilter): Promise<{ calls: CallListing[]; nextCursor: string | null }> {
  const after = filter.cursor === undefined ? undefined : decodeCursor(filter.cursor);
  const id = store.connectionId;
  let query = store.scoped
    .selectFrom('gong_calls as c')
    .select(['c.id', 'c.title', 'c.started_at', 'c.duration_seconds', 'c.url'])
    .where('c.connection_id', '=', id);
  if (filter.since !== undefined) query = query.where('c.started_at', '>=', filter.since);
  if (filter.until !== undefined) query = query.where('c.started_at', '<', filter.until);
  if (after) {
    query = query.where((eb) => eb.or([eb('c.started_at', '<', after.startedAt), eb.and([eb('c.started_at', '=', after.startedAt), eb('c.id', '<', after.id)])]));
  }
  const conditions: Expression<SqlBool>[] = [];
  if (filter.accountId !== undefined) {
    conditions.push(sql<SqlBool>`c.id IN (${callsOfAccount(id, filter.accountId)})`);
  }
  if (filter.dealId !== undefined) {
    conditions.push(sql<SqlBool>`c.id IN (SELECT l.call_id FROM gong_call_links AS l
      WHERE l.connection_id = ${id} AND l.crm_object_type = 'deal' AND l.crm_object_id = ${filter.dealId})`);
  }
  if (filter.participant !== undefined) {
    const who = filter.participant.trim().toLowerCase();
    // Both forms are index lookups (migration 006): the address, or the domain after its `@`.
    const match = who.includes('@') ? sql`lower(p.email) = ${who}` : sql`${sql.raw(PARTICIPANT_DOMAIN[store.kind].replaceAll('email', 'p.email'))} = ${who.replace(/^@/, '')}`;
    conditions.push(sql<SqlBool>`c.id IN (SELECT p.call_id FROM gong_call_parties AS p WHERE p.connection_id = ${id} AND ${match})`);
  }
  if (filter.userId !== undefined) {
    conditions.push(sql<SqlBool>`(c.primary_user_id = ${filter.userId} OR c.id IN (
      SELECT p.call_id FROM gong_call_parties AS p WHERE p.connection_id = ${id} AND p.user_id = ${filter.userId}))`);
  }
  for (const condition of conditions) query = query.where(condition);
  const rows = await query.orderBy('c.started_at', 'desc').orderBy('c.id', 'desc').limit(filter.limit + 1).execute();
  const page = rows.slice(0, filter.limit);
  const ids = page.map((r) => r.id);
  const [participants, links, intelligence] = await Promise.all([callParticipants(store, ids), callCrmLinks(store, ids), callIntelligence(store, ids)]);
  const calls = page.map((r) => {
    const content = intelligence.get(r.id);
    return {
      id: r.id,
      title: r.title,
      startedAt: normalizeTime(r.started_at),
      durationSeconds: r.duration_seconds === null ? null : Number(r.duration_seconds),
      participants: participants.get(r.id) ?? [],
      brief: content?.brief ?? null,
      outcome: content?.outcome ?? null,
      trackers: (content?.trackers ?? []).map((t) => ({ name: t.name, count: t.count })),
      accounts: links.get(r.id)?.accounts ?? [],
      deals: links.get(r.id)?.deals ?? [],
      url: r.url ?? gongCallPage(r.id),
    };
  });
  const last = page[page.length - 1];
  return { calls, nextCursor: rows.length > filter.limit && last ? encodeCursor({ startedAt: normalizeTime(last.started_at), id: last.id }) : null };
}

interface CursorPosition {
  startedAt: string;
  id: string;
}

function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.startedAt, position.id])).toString('base64url');
}

function decodeCursor(cursor: string): CursorPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && !Number.isNaN(Date.parse(value[0])) && typeof value[1] === 'string') {
      return { startedAt: value[0], id: value[1] };
    }
  } catch {
    // falls through to the one message below
  }
  throw new ConfigError('cursor is not one this server gave: pass the nextCursor of the previous page unchanged, or leave it out for the first page');
}
