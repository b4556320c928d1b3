/**
 * The simulator's own control surface under `/__simulator/` (never a Gong path, no auth), for
 * tests and benchmarks that run the simulator in another process (`pandora-gong simulate`):
 *
 *   GET  /__simulator/status                       seed, clock, faults, limits
 *   GET  /__simulator/log                          request log: entries, counts, peakPerSecond
 *   POST /__simulator/reset-log                    empty the log
 *   POST /__simulator/advance      {"ms": 3600000} move simulated time forward
 *   POST /__simulator/faults       {"spec": "5xx=0.1"} replace the fault spec ("" = none)
 *   GET  /__simulator/ground-truth/summary         sizes, domains, workspaces
 *   GET  /__simulator/ground-truth/users           generated users
 *   GET  /__simulator/ground-truth/crm             accounts, contacts, deals
 *   GET  /__simulator/ground-truth/people          external people and unknown companies
 *   GET  /__simulator/ground-truth/calls[?visible=true]  call records (visible now only, if asked)
 *   GET  /__simulator/ground-truth/calls/{id}      one call with its parties
 *   GET  /__simulator/ground-truth/transcripts/{id} a transcript with phases and mentions
 *   GET  /__simulator/ground-truth/coaching/{trackers,scorecards,answered-scorecards,library,
 *        manual-associations}                   coaching truth at the simulated now
 *   GET  /__simulator/ground-truth/coaching/{daily-activity,interaction-stats}?fromDate=&toDate=
 */
import type { Company } from '../company/company.js';
import type { RequestLog } from '../request-log.js';
import type { SimClock } from '../sim-clock.js';
import { readDayRange } from '../coaching/company-days.js';
import { toWireParties } from '../wire/parties.js';

export interface AdminState {
  company: Company;
  clock: SimClock;
  log: RequestLog;
  setFaults(spec: string): void;
  faultSpec(): string;
  status(): Record<string, unknown>;
}

export interface AdminResult {
  status: number;
  body: unknown;
}

/** @example handleAdmin('POST', '/__simulator/advance', new URLSearchParams(), { ms: 1000 }, state) */
export function handleAdmin(method: string, path: string, query: URLSearchParams, body: unknown, state: AdminState): AdminResult {
  const { company, clock, log } = state;
  const route = `${method} ${path.replace(/\/$/, '')}`;
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const now = clock.now();

  switch (route) {
    case 'GET /__simulator/status':
      return { status: 200, body: state.status() };
    case 'GET /__simulator/log':
      return { status: 200, body: log.toJSON() };
    case 'POST /__simulator/reset-log':
      log.reset();
      return { status: 200, body: { ok: true } };
    case 'POST /__simulator/advance': {
      const ms = Number(input.ms);
      if (!Number.isFinite(ms) || ms < 0) return { status: 400, body: { error: 'advance: body must be {"ms": <non-negative number>}' } };
      const at = clock.advance(ms);
      return { status: 200, body: { now: at, iso: new Date(at).toISOString() } };
    }
    case 'POST /__simulator/faults': {
      if (typeof input.spec !== 'string') return { status: 400, body: { error: 'faults: body must be {"spec": "<fault spec>"}' } };
      try {
        state.setFaults(input.spec);
      } catch (e) {
        return { status: 400, body: { error: (e as Error).message } };
      }
      return { status: 200, body: { faults: state.faultSpec() } };
    }
    case 'GET /__simulator/ground-truth/summary':
      return {
        status: 200,
        body: {
          seed: company.seed,
          now: company.now,
          clock: now,
          utcOffset: company.utcOffset,
          domains: company.domains,
          workspaces: company.workspaces,
          counts: {
            users: company.users.length,
            accounts: company.crm.accounts.length,
            contacts: company.crm.contacts.length,
            deals: company.crm.deals.length,
            calls: company.calls.length,
            visibleCalls: company.visibleCalls(now).length,
          },
        },
      };
    case 'GET /__simulator/ground-truth/users':
      return { status: 200, body: company.users };
    case 'GET /__simulator/ground-truth/crm':
      return { status: 200, body: company.crm };
    case 'GET /__simulator/ground-truth/people':
      return { status: 200, body: { people: company.people, unknownCompanies: company.unknownCompanies } };
    case 'GET /__simulator/ground-truth/calls':
      return { status: 200, body: query.get('visible') === 'true' ? company.visibleCalls(now) : company.calls };
  }

  const coaching = /^GET \/__simulator\/ground-truth\/coaching\/([a-z-]+)$/.exec(route);
  if (coaching) return coachingTruth(company, coaching[1]!, query, now);

  const call = /^GET \/__simulator\/ground-truth\/calls\/([^/]+)$/.exec(route);
  if (call) {
    const found = company.callById(call[1]!);
    if (!found) return { status: 404, body: { error: `no call ${call[1]}` } };
    return {
      status: 200,
      body: {
        call: found,
        visible: company.isVisible(found, now),
        isPrivate: company.isPrivateAt(found, now),
        transcriptReady: company.hasTranscriptAt(found, now),
        parties: toWireParties(company.cast(found), 'Extended'),
      },
    };
  }
  const transcript = /^GET \/__simulator\/ground-truth\/transcripts\/([^/]+)$/.exec(route);
  if (transcript) {
    const truth = company.transcript(transcript[1]!);
    return truth ? { status: 200, body: truth } : { status: 404, body: { error: `no transcript for call ${transcript[1]}` } };
  }
  return { status: 404, body: { error: `unknown simulator endpoint ${route}` } };
}

/** Coaching ground truth at `now`, for tests that run the simulator in another process. */
function coachingTruth(company: Company, what: string, query: URLSearchParams, now: number): AdminResult {
  const truth = company.coaching;
  const offset = company.offsetMinutes;
  switch (what) {
    case 'trackers':
      return { status: 200, body: truth.trackersOf()!.filter((t) => t.createdMs <= now) };
    case 'scorecards':
      return { status: 200, body: truth.scorecards.filter((s) => s.createdMs <= now) };
    case 'answered-scorecards':
      return { status: 200, body: truth.answeredScorecardsAt(now) };
    case 'manual-associations':
      return { status: 200, body: truth.manualAssociationsAt(now) };
    case 'library':
      return {
        status: 200,
        body: truth.publicFolders(now).map((f) => ({ ...f, updatedMs: truth.folderUpdatedMs(f, now), entries: truth.folderEntriesAt(f.id, now) })),
      };
    case 'daily-activity':
    case 'interaction-stats': {
      const range = readDayRange(query.get('fromDate'), query.get('toDate'), { from: 'fromDate', to: 'toDate' }, offset, { required: true });
      if (typeof range === 'string') return { status: 400, body: { error: range } };
      const users = query.get('userIds')?.split(',').filter(Boolean);
      const body = what === 'daily-activity' ? truth.dailyActivityAt(now, range.from!, range.to!, users) : truth.interactionStatsAt(now, range.from!, range.to!, users);
      return { status: 200, body };
    }
  }
  return { status: 404, body: { error: `unknown coaching truth ${what}` } };
}
