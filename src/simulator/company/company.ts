/**
 * The generated company: ground truth for tests, and what the server renders Gong's answers
 * from. Calls are kept sorted by `startedMs` so a date window is two binary searches; parties and
 * transcripts are generated on demand and cached only for recently used calls.
 */
import { CoachingTruth } from '../coaching/coaching-truth.js';
import { formatInstant } from '../company-time.js';
import { generateTranscript, type SimMonologue, type TranscriptTruth } from '../conversation/transcript.js';
import { LruCache } from '../lru-cache.js';
import { buildCast, type Cast, type CastSources } from './cast.js';
import { stageAt } from './crm.js';
import type {
  CompanyCall,
  CompanyUser,
  Crm,
  CrmAccount,
  CrmContact,
  CrmDeal,
  DealStage,
  ExternalPerson,
  TrackerDefinition,
  UnknownCompany,
  Workspace,
} from './types.js';

export interface CompanyData {
  seed: number;
  now: number;
  utcOffset: string;
  offsetMinutes: number;
  name: string;
  domains: { primary: string; alias: string };
  workspaces: Workspace[];
  users: CompanyUser[];
  crm: Crm;
  people: ExternalPerson[];
  unknownCompanies: UnknownCompany[];
  trackers: TrackerDefinition[];
  /** Sorted by `startedMs`, then id. */
  calls: CompanyCall[];
}

/**
 * @example
 * const company = generateCompany({ seed: 1, calls: 500 });
 * company.visibleCalls(Date.now()).filter((c) => c.hardCases.includes('between-deals'));
 */
export class Company implements CompanyData {
  readonly seed: number;
  /** The instant the company was generated for: six months of history end here. */
  readonly now: number;
  /** The company's UTC offset, e.g. `-04:00`; every timestamp Gong sends uses it. */
  readonly utcOffset: string;
  readonly offsetMinutes: number;
  readonly name: string;
  readonly domains: { primary: string; alias: string };
  readonly workspaces: Workspace[];
  readonly users: CompanyUser[];
  readonly crm: Crm;
  readonly people: ExternalPerson[];
  readonly unknownCompanies: UnknownCompany[];
  readonly trackers: TrackerDefinition[];
  readonly calls: CompanyCall[];

  private readonly usersById: Map<string, CompanyUser>;
  private readonly callsById: Map<string, CompanyCall>;
  private readonly accountsById: Map<string, CrmAccount>;
  private readonly dealsById: Map<string, CrmDeal>;
  private readonly contactsById: Map<string, CrmContact>;
  private readonly casts = new LruCache<string, Cast>(1024);
  // About 30 KB each: 1,024 keep a test-sized company warm across repeated syncs, which would
  // otherwise regenerate every transcript twice per sync (once for `content`, once for the endpoint).
  private readonly transcripts = new LruCache<string, TranscriptTruth>(1024);
  private readonly castSources: CastSources;
  private coachingTruth?: CoachingTruth;

  constructor(data: CompanyData) {
    this.seed = data.seed;
    this.now = data.now;
    this.utcOffset = data.utcOffset;
    this.offsetMinutes = data.offsetMinutes;
    this.name = data.name;
    this.domains = data.domains;
    this.workspaces = data.workspaces;
    this.users = data.users;
    this.crm = data.crm;
    this.people = data.people;
    this.unknownCompanies = data.unknownCompanies;
    this.trackers = data.trackers;
    this.calls = data.calls;
    this.usersById = new Map(data.users.map((u) => [u.id, u]));
    this.callsById = new Map(data.calls.map((c) => [c.id, c]));
    this.accountsById = new Map(data.crm.accounts.map((a) => [a.id, a]));
    this.dealsById = new Map(data.crm.deals.map((d) => [d.id, d]));
    this.contactsById = new Map(data.crm.contacts.map((c) => [c.id, c]));
    this.castSources = {
      userById: this.usersById,
      people: this.people,
      crmUserCreated: (user) => formatInstant(user.createdMs, this.offsetMinutes, 0),
    };
  }

  userById(id: string): CompanyUser | undefined {
    return this.usersById.get(id);
  }
  callById(id: string): CompanyCall | undefined {
    return this.callsById.get(id);
  }
  accountById(id: string): CrmAccount | undefined {
    return this.accountsById.get(id);
  }
  dealById(id: string): CrmDeal | undefined {
    return this.dealsById.get(id);
  }
  contactById(id: string): CrmContact | undefined {
    return this.contactsById.get(id);
  }

  /** Gong returns a call only once it has processed it (docs/gong-api.md §5.4). */
  isVisible(call: CompanyCall, atMs: number): boolean {
    return atMs >= call.visibleAt;
  }

  /** Private from the start, or since `becomesPrivateAt`. */
  isPrivateAt(call: CompanyCall, atMs: number): boolean {
    return call.isPrivate || (call.becomesPrivateAt !== null && call.becomesPrivateAt <= atMs);
  }

  /** Whether the transcript endpoint would return this call's transcript at `atMs`. */
  hasTranscriptAt(call: CompanyCall, atMs: number): boolean {
    return call.transcriptReadyAt !== null && atMs >= call.transcriptReadyAt && this.isVisible(call, atMs);
  }

  /**
   * Calls the API returns at `atMs`, in the API's order.
   *
   * @example company.visibleCalls(Date.now()).length
   */
  visibleCalls(atMs: number): CompanyCall[] {
    return this.calls.filter((c) => this.isVisible(c, atMs));
  }

  /**
   * `[lo, hi)` indexes into `calls` of those with `fromMs <= startedMs < toMs` (either bound
   * optional): Gong's inclusive `fromDateTime` and exclusive `toDateTime` (docs/gong-api.md §2.4).
   */
  callRange(fromMs?: number, toMs?: number): [number, number] {
    const lo = fromMs === undefined ? 0 : this.firstStartedAtOrAfter(fromMs);
    const hi = toMs === undefined ? this.calls.length : this.firstStartedAtOrAfter(toMs);
    return [lo, Math.max(lo, hi)];
  }

  private firstStartedAtOrAfter(ms: number): number {
    let lo = 0;
    let hi = this.calls.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.calls[mid]!.startedMs < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The parties of a call (also of imported calls, whose parties Gong does not expose). */
  cast(call: CompanyCall): Cast {
    return this.casts.get(call.id, () => buildCast(call, this.castSources));
  }

  /**
   * The transcript a call has or will have, with its phases and key-phrase mentions, whatever
   * the simulated time; undefined for unknown calls and calls that never get one.
   *
   * @example company.transcript(id)?.mentions.filter((m) => m.phrase === 'SOC 2')
   */
  transcript(callId: string): TranscriptTruth | undefined {
    const call = this.callsById.get(callId);
    if (!call || call.transcriptReadyAt === null) return undefined;
    return this.transcripts.get(call.id, () =>
      generateTranscript({
        call,
        cast: this.cast(call),
        counterpart: call.accountId ? this.accountsById.get(call.accountId)!.name : call.unknownCompany,
        accountNames: this.accountNamesFor(call),
      }),
    );
  }

  /**
   * Generates every call's parties and transcript now and keeps them all (about 30 KB a call), and
   * the coaching truth (activity events, reviews, library, associations),
   * so that serving them later costs no generation: a benchmark on the same cores then measures
   * the client, not the generator (`pandora-gong simulate --prepare`).
   *
   * @example company.prepare(); // then start the server
   */
  prepare(): void {
    this.casts.keepAll();
    this.transcripts.keepAll();
    for (const call of this.calls) {
      this.cast(call);
      this.transcript(call.id);
    }
    this.coaching.prepare();
  }

  /** Just the monologues, as `POST /v2/calls/transcript` sends them. */
  transcriptFor(callId: string): SimMonologue[] | undefined {
    return this.transcript(callId)?.monologues;
  }

  /**
   * Settings, scorecards, stats, library and manual associations as Gong holds them at any
   * simulated time; built on first use.
   *
   * @example company.coaching.answeredScorecardsAt(sim.clock.now())
   */
  get coaching(): CoachingTruth {
    return (this.coachingTruth ??= new CoachingTruth(this));
  }

  /** The deal's stage at an instant (undefined before it existed). */
  stageAt(deal: CrmDeal, atMs: number): DealStage | undefined {
    return stageAt(deal, atMs);
  }

  /** Only the data, for JSON dumps and determinism checks. */
  toJSON(): CompanyData {
    const { seed, now, utcOffset, offsetMinutes, name, domains, workspaces, users, crm, people, unknownCompanies, trackers, calls } = this;
    return { seed, now, utcOffset, offsetMinutes, name, domains, workspaces, users, crm, people, unknownCompanies, trackers, calls };
  }

  /** Accounts an internal meeting talks about: a stable handful per call. */
  private accountNamesFor(call: CompanyCall): string[] {
    const accounts = this.crm.accounts;
    if (call.kind !== 'internal' || accounts.length === 0) return [];
    return [0, 1, 2, 3].map((k) => accounts[(call.seed + k * 7919) % accounts.length]!.name);
  }
}
