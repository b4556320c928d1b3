/**
 * Every call the company has over the simulated six months, plus a week of meetings already on
 * the calendar after `now` (they show up as simulated time passes). Each call is a compact record;
 * its parties, transcript and analyses are rebuilt on demand from `call.seed`.
 *
 * The cases docs/gong-api.md asks a simulator to reproduce (§5, §6) are drawn as exact counts from a
 * shuffled list of call slots, so even a small company has private, imported, late and
 * slow-transcript calls, and some of them fall in the last day where tests can watch them change.
 */
import type { FractionDigits } from '../company-time.js';
import type { UniqueIds } from '../ids.js';
import { hashSeed, Prng } from '../prng.js';
import { DAY, HOUR, MINUTE, SECOND } from '../../util/time.js';
import { agendaFor, callDuration, DISPOSITIONS, PURPOSES, titleFor } from './agenda.js';
import { stageAt } from './crm.js';
import type { People } from './people.js';
import type {
  Agenda,
  CallHardCase,
  CallKind,
  CompanyCall,
  CompanyUser,
  ContextKind,
  CrmAccount,
  CrmDeal,
  ExternalPerson,
  SalesRole,
} from './types.js';

/** How far back the calls go, and how far ahead the calendar reaches. */
export const HISTORY_MS = 182 * DAY;
export const FUTURE_MS = 7 * DAY;

export interface CallsInput {
  seed: number;
  rng: Prng;
  ids: UniqueIds;
  now: number;
  offsetMinutes: number;
  count: number;
  vendorName: string;
  users: CompanyUser[];
  accounts: CrmAccount[];
  deals: CrmDeal[];
  people: People;
}

type Special =
  | 'imported'
  | 'private'
  | 'becomes-private'
  | 'recent-becomes-private'
  | 'late'
  | 'recent-late'
  | 'slow-transcript'
  | 'recent-slow-transcript'
  | 'no-transcript'
  | 'marathon';

/**
 * Generates `count` calls, sorted by `startedMs` (ties by id) with `index` set.
 *
 * @example const calls = generateCalls({ seed: 1, rng, ids, now, offsetMinutes: -240, count: 2000, ... });
 */
export function generateCalls(input: CallsInput): CompanyCall[] {
  const { seed, rng, ids, now, offsetMinutes, count, users, accounts, deals, people, vendorName } = input;
  const specials = assignSpecials(rng, count);
  const dealsByAccount = new Map<string, CrmDeal[]>();
  for (const deal of deals) {
    const list = dealsByAccount.get(deal.accountId) ?? [];
    list.push(deal);
    dealsByAccount.set(deal.accountId, list);
  }
  for (const list of dealsByAccount.values()) list.sort((a, b) => a.createdMs - b.createdMs);
  const byRole = new Map<SalesRole, CompanyUser[]>();
  for (const u of users) byRole.set(u.role, [...(byRole.get(u.role) ?? []), u]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const unknownNames = [...people.byUnknownCompany.keys()];

  const activeAt = (u: CompanyUser, t: number) => u.createdMs <= t && (u.deactivatedMs === null || t < u.deactivatedMs);
  const pools = new Map<string, CompanyUser[]>();
  const pickUser = (r: Prng, roles: readonly SalesRole[], t: number, exclude: readonly string[]): CompanyUser => {
    const key = roles.join();
    let pool = pools.get(key);
    if (!pool) pools.set(key, (pool = roles.flatMap((role) => byRole.get(role) ?? [])));
    for (let attempt = 0; attempt < 30 && pool.length > 0; attempt++) {
      const u = r.pick(pool);
      if (activeAt(u, t) && !exclude.includes(u.id)) return u;
    }
    return users.find((u) => activeAt(u, t) && !exclude.includes(u.id)) ?? users[0]!;
  };

  const calls: CompanyCall[] = [];
  for (let i = 0; i < count; i++) {
    const callSeed = hashSeed(seed, 'call', i);
    const r = new Prng(callSeed);
    const special = specials.get(i) ?? new Set<Special>();
    const kind: CallKind = special.has('imported')
      ? 'imported'
      : r.weighted([['external', 63], ['dialer', 19], ['internal', 18]] as const);

    // When: business hours in the company's time zone, or pinned to the last day for the
    // specials that tests must see change as the clock moves.
    let window: [number, number] = [now - HISTORY_MS, now + FUTURE_MS];
    if (special.has('recent-late')) window = [now - 20 * HOUR, now - 3 * HOUR];
    if (special.has('recent-slow-transcript')) window = [now - 30 * HOUR, now - 5 * HOUR];
    if (special.has('recent-becomes-private')) window = [now - 10 * DAY, now - DAY];
    if (special.has('late') || special.has('slow-transcript') || special.has('becomes-private')) window[1] = now - 3 * HOUR;
    const pinned = window[1] - window[0] < 11 * DAY;
    const scheduledMs = pinned ? Math.floor(r.float(window[0], window[1]) / MINUTE) * MINUTE : businessSlot(r, window, offsetMinutes, kind === 'dialer');

    // With whom: an account (and its deal at that time), a prospect not in the CRM, or colleagues.
    let account: CrmAccount | null = null;
    let unknownCompany: string | null = null;
    let personIndexes: number[] = [];
    if (kind !== 'internal') {
      if (r.chance(kind === 'dialer' ? 0.3 : 0.12)) {
        unknownCompany = r.pick(unknownNames);
        const pool = people.byUnknownCompany.get(unknownCompany)!;
        personIndexes = r.sample(pool, kind === 'dialer' ? 1 : r.int(1, pool.length));
      } else {
        account = pickAccount(r, accounts, dealsByAccount, scheduledMs);
        personIndexes = pickPeople(r, people.people, people.byAccount.get(account.id)!, kind === 'dialer' ? 1 : r.weighted([[1, 45], [2, 35], [3, 15], [4, 5]] as const));
      }
    }
    const accountDeals = account ? (dealsByAccount.get(account.id) ?? []) : [];
    // The agenda follows the deal as planned when the meeting was booked.
    const planned = dealAt(accountDeals, scheduledMs);
    const stage = planned.deal ? stageAt(planned.deal, scheduledMs) : undefined;
    const customer = planned.customer;
    const agenda: Agenda = kind === 'internal' ? 'internal' : kind === 'dialer' ? 'cold-call' : agendaFor(r, stage, customer);

    // Who hosts and who else joins from the company.
    const primary =
      kind === 'dialer'
        ? pickUser(r, r.chance(0.8) ? ['SDR'] : ['AE'], scheduledMs, [])
        : kind === 'internal'
          ? pickUser(r, ['Manager', 'AE', 'SE', 'RevOps', 'Executive'], scheduledMs, [])
          : account && r.chance(0.65) && activeAt(userById.get(account.ownerUserId)!, scheduledMs)
            ? userById.get(account.ownerUserId)!
            : pickUser(r, customer && r.chance(0.6) ? ['CSM'] : ['AE'], scheduledMs, []);
    const userIds = [primary.id];
    const join = (roles: readonly SalesRole[]) => {
      const colleague = pickUser(r, roles, scheduledMs, userIds);
      if (!userIds.includes(colleague.id)) userIds.push(colleague.id);
    };
    if (kind === 'internal') for (let n = r.int(1, 5); n > 0; n--) join(['AE', 'SE', 'SDR', 'CSM', 'Manager', 'RevOps']);
    else if (kind !== 'dialer') {
      if ((agenda === 'demo' || agenda === 'security' || agenda === 'pricing') && r.chance(0.65)) join(['SE']);
      if (agenda === 'intro' && r.chance(0.4)) join(['SDR']);
      if (r.chance(0.12) && primary.managerId && activeAt(userById.get(primary.managerId)!, scheduledMs)) {
        if (!userIds.includes(primary.managerId)) userIds.push(primary.managerId);
      }
      if (agenda === 'check-in' && r.chance(0.3)) join(['AE']);
    }
    // Someone on free mail tags along now and then (a consultant, a personal address).
    if (account && kind === 'external' && r.chance(0.05)) {
      const freeMail = people.byAccount.get(account.id)!.filter((p) => people.people[p]!.flags.includes('free-mail') && !personIndexes.includes(p));
      if (freeMail.length > 0) personIndexes.push(r.pick(freeMail));
    }

    // How long, on what system, when it shows up in the API and when its transcript does.
    const needsTranscript = special.has('slow-transcript') || special.has('recent-slow-transcript');
    const durationSec = callDuration(r, kind, agenda, special.has('marathon'), needsTranscript);
    const system =
      kind === 'dialer'
        ? r.weighted([['Outreach', 70], ['Salesloft', 15], ['Aircall', 15]] as const)
        : kind === 'imported'
          ? r.weighted([['RingCentral', 50], ['Dialpad', 50]] as const)
          : r.weighted([['Zoom', 55], ['Google Meet', 25], ['Microsoft Teams', 15], ['WebEx', 5]] as const);
    const conference = kind === 'external' || kind === 'internal';
    const startedDigits: FractionDigits = conference
      ? system === 'Zoom'
        ? 6
        : system === 'WebEx'
          ? 0
          : r.weighted([[3, 60], [6, 40]] as const)
      : kind === 'imported'
        ? 3
        : 0;
    // Meetings start a little before or after their slot; dialer and imported calls start when dialled.
    let startedMs = scheduledMs + (conference ? r.int(-3 * MINUTE, 6 * MINUTE) : kind === 'dialer' ? r.int(0, 59) * SECOND : r.int(0, 5 * MINUTE));
    if (startedDigits === 0) startedMs = Math.floor(startedMs / SECOND) * SECOND;
    const endMs = startedMs + durationSec * SECOND;
    const language = special.has('no-transcript')
      ? 'zxx'
      : needsTranscript
        ? 'eng'
        : r.weighted([['eng', 950], ['fre', 25], ['spa', 20], ['zxx', durationSec < 120 ? 5 : 0]] as const);

    const late = special.has('late') || special.has('recent-late');
    let visibleAt = endMs + (late ? r.int(2 * HOUR, 48 * HOUR) : r.int(10 * MINUTE, 30 * MINUTE));
    // Recent specials must still be pending at `now`, so tests can watch them arrive.
    if (special.has('recent-late')) visibleAt = Math.max(endMs + 2 * HOUR, now + r.int(HOUR, 26 * HOUR));
    let transcriptReadyAt: number | null = endMs + r.int(5 * MINUTE, 60 * MINUTE);
    if (needsTranscript) transcriptReadyAt = endMs + r.int(DAY, 3 * DAY);
    if (special.has('recent-slow-transcript')) transcriptReadyAt = Math.max(transcriptReadyAt!, now + r.int(2 * HOUR, 48 * HOUR));
    if (language === 'zxx' || durationSec < 60) transcriptReadyAt = null;
    let becomesPrivateAt: number | null = null;
    if (special.has('becomes-private')) becomesPrivateAt = visibleAt + r.int(HOUR, 14 * DAY);
    if (special.has('recent-becomes-private')) becomesPrivateAt = now + r.int(HOUR, 3 * DAY);

    // The right answer for linking is judged at the instant the API shows: `started`.
    const { deal, betweenDeals } = dealAt(accountDeals, startedMs);
    const contextKind: ContextKind = !account
      ? 'none'
      : deal
        ? r.weighted([['account+opportunity', 60], ['account', 20], ['none', 20]] as const)
        : r.weighted([['account', 60], ['none', 40]] as const);
    const persons = personIndexes.map((p) => people.people[p]!);
    const hardCases = hardCasesOf(persons, account, betweenDeals, contextKind);
    const counterpart = account ? (r.chance(0.5) ? account.name.split(' ')[0]! : account.name) : unknownCompany ?? '';

    calls.push({
      id: ids.gong(r),
      index: 0,
      seed: callSeed,
      kind,
      title: titleFor(r, agenda, kind, counterpart, vendorName, persons[0], primary, userIds.length > 1 ? userById.get(userIds[1]!)! : undefined),
      scheduledMs: conference ? scheduledMs : startedMs,
      startedMs,
      startedMicros: startedDigits === 6 ? r.int(0, 999) : 0,
      startedDigits,
      durationSec,
      primaryUserId: primary.id,
      direction: conference ? 'Conference' : kind === 'imported' ? r.pick(['Unknown', 'Outbound'] as const) : r.chance(0.85) ? 'Outbound' : 'Inbound',
      system,
      scope: kind === 'internal' ? 'Internal' : kind === 'external' ? 'External' : r.chance(0.8) ? 'Unknown' : 'External',
      media: conference && r.chance(0.8) ? 'Video' : 'Audio',
      language,
      workspaceId: primary.workspaceId,
      sdrDisposition: kind === 'dialer' ? r.weighted(DISPOSITIONS) : null,
      clientUniqueId: kind === 'dialer' ? String(r.int(100, 999999)) : kind === 'imported' ? `imp-${r.digits(8)}` : null,
      purpose: r.chance(0.4) ? PURPOSES[agenda] : null,
      isPrivate: special.has('private'),
      becomesPrivateAt,
      visibleAt,
      transcriptReadyAt,
      imported: kind === 'imported',
      userIds,
      personIndexes,
      accountId: account?.id ?? null,
      dealId: deal?.id ?? null,
      contextKind,
      unknownCompany,
      hardCases,
      agenda,
    });
  }
  calls.sort((a, b) => a.startedMs - b.startedMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  calls.forEach((c, i) => (c.index = i));
  return calls;
}

/** The shares of docs/gong-api.md §5–§6, as exact counts over shuffled call slots (disjoint sets). */
function assignSpecials(rng: Prng, count: number): Map<number, Set<Special>> {
  const order = rng.sample(
    Array.from({ length: count }, (_, i) => i),
    count,
  );
  const out = new Map<number, Set<Special>>();
  let next = 0;
  const take = (special: Special, n: number) => {
    for (let k = 0; k < n && next < order.length; k++, next++) out.set(order[next]!, new Set([special]));
  };
  const share = (p: number, min: number) => Math.max(min, Math.round(count * p));
  take('marathon', share(1 / 2500, 1));
  take('recent-late', share(0.003, 3));
  take('late', Math.max(0, share(0.05, 3) - share(0.003, 3)));
  take('recent-slow-transcript', share(0.003, 3));
  take('slow-transcript', Math.max(0, share(0.03, 3) - share(0.003, 3)));
  take('recent-becomes-private', share(0.002, 2));
  take('becomes-private', share(0.008, 1));
  take('private', share(0.03, 2));
  take('imported', share(0.02, 2));
  take('no-transcript', share(0.004, 1));
  return out;
}

/** A weekday business-hours slot in the company's time zone within `window`. */
function businessSlot(r: Prng, window: [number, number], offsetMinutes: number, dialer: boolean): number {
  const off = offsetMinutes * MINUTE;
  for (;;) {
    const t = r.float(window[0], window[1]);
    const dayStart = Math.floor((t + off) / DAY) * DAY - off;
    const weekday = new Date(dayStart + off).getUTCDay();
    if ((weekday === 0 || weekday === 6) && r.chance(0.92)) continue;
    const slot = dialer
      ? dayStart + r.int(8, 17) * HOUR + r.int(0, 59) * MINUTE + r.int(0, 59) * SECOND
      : dayStart + r.int(8, 17) * HOUR + r.pick([0, 0, 30, 30, 15, 45]) * MINUTE;
    if (slot >= window[0] && slot < window[1]) return slot;
  }
}

/** Prefers accounts with a deal open at `t` (most calls are about a live deal). */
function pickAccount(r: Prng, accounts: CrmAccount[], dealsByAccount: Map<string, CrmDeal[]>, t: number): CrmAccount {
  const preferDeal = r.chance(0.6);
  let candidate = r.pick(accounts);
  for (let attempt = 0; preferDeal && attempt < 4; attempt++) {
    if (dealAt(dealsByAccount.get(candidate.id) ?? [], t).deal) break;
    candidate = r.pick(accounts);
  }
  return candidate;
}

/** Contacts three times as likely as people the CRM does not know. */
function pickPeople(r: Prng, people: ExternalPerson[], pool: number[], n: number): number[] {
  const chosen: number[] = [];
  const weighted = pool.map((p) => [p, people[p]!.flags.includes('crm-contact') ? 3 : 1] as const);
  for (let attempt = 0; chosen.length < Math.min(n, pool.length) && attempt < 50; attempt++) {
    const p = r.weighted(weighted);
    if (!chosen.includes(p)) chosen.push(p);
  }
  return chosen;
}

/**
 * The deal a call at `t` belongs to: the latest one whose life [created, end of close date)
 * contains `t`. `betweenDeals` marks a call after one deal closed and before the next opened.
 *
 * @example dealAt(company.crm.deals.filter((d) => d.accountId === call.accountId), call.scheduledMs).deal?.id
 */
export function dealAt(deals: readonly CrmDeal[], t: number): { deal: CrmDeal | null; betweenDeals: boolean; customer: boolean } {
  let deal: CrmDeal | null = null;
  for (const d of deals) if (d.createdMs <= t && t < d.closeMs) deal = d;
  const customer = deals.some((d) => d.isWon && d.closeMs <= t);
  const betweenDeals = !deal && deals.some((d) => d.closeMs <= t) && deals.some((d) => d.createdMs > t);
  return { deal, betweenDeals, customer };
}

function hardCasesOf(persons: ExternalPerson[], account: CrmAccount | null, betweenDeals: boolean, contextKind: ContextKind): CallHardCase[] {
  const cases = new Set<CallHardCase>();
  for (const p of persons) {
    for (const f of p.flags) {
      if (f === 'subdomain-email' || f === 'free-mail' || f === 'email-domain-differs' || f === 'not-a-contact' || f === 'unknown-domain') {
        cases.add(f);
      }
    }
  }
  if (account?.flags.includes('shared-domain')) cases.add('shared-domain');
  if (betweenDeals) cases.add('between-deals');
  if (account && contextKind === 'account') cases.add('context-account-only');
  if (account && contextKind === 'none') cases.add('context-none');
  return [...cases];
}
