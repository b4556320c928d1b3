/**
 * The Gong simulator: a deterministic, realistic Gong account (`generateCompany`) served over
 * real HTTP (`startSimulator`) with Gong's pagination, errors, limits, late data and optional
 * faults. Shared by new users (`pandora-gong simulate`, `demo`), tests and benchmarks.
 *
 * @example
 * import { startSimulator } from 'pandora-gong/simulator';
 * const sim = await startSimulator({ calls: 2000, faults: '5xx=0.05' });
 * console.log(sim.url, sim.credentials);
 * sim.advance(24 * 3600_000); // a day later: late calls and transcripts have arrived
 * await sim.close();
 */
export { startSimulator, type Simulator, type SimulatorOptions } from './server.js';
export { writeCrmExport } from './crm-export.js';
export { generateCompany, PRIMARY_DOMAIN, ALIAS_DOMAIN, type CompanyOptions } from './company/generate-company.js';
export { Company, type CompanyData } from './company/company.js';
export type {
  AccountFlag,
  Agenda,
  CallHardCase,
  CallKind,
  CompanyCall,
  CompanyUser,
  ContactFlag,
  ContextKind,
  Crm,
  CrmAccount,
  CrmContact,
  CrmDeal,
  DealStage,
  ExternalPerson,
  PersonFlag,
  SalesRole,
  TrackerDefinition,
  UnknownCompany,
  Workspace,
} from './company/types.js';
export type { Cast, CastMember } from './company/cast.js';
export { CoachingTruth } from './coaching/coaching-truth.js';
export type { AnsweredScorecard, ScorecardAnswer, ScorecardVisibility } from './coaching/answered-scorecards.js';
export type { Scorecard, ScorecardQuestion, QuestionType } from './coaching/scorecards.js';
export type { TrackerSettings } from './coaching/tracker-settings.js';
export { ACTIVITY_COUNTERS, LATE_FILL_MS, type ActivityCounter, type ActivityDay, type ActivityEvent, type UserDailyActivity } from './coaching/daily-activity.js';
export { INTERACTION_STAT_NAMES, callInteractionStats, type InteractionStatName, type UserInteractionStats } from './coaching/interaction-stats.js';
export type { LibraryEntry, LibraryFolder } from './coaching/library.js';
export { latestManualAssociations, type ManualAssociation } from './coaching/manual-associations.js';
export { dayStartMs as companyDayStartMs, dayOf as companyDayOf, daysOf as companyDaysOf } from './coaching/company-days.js';
export { HISTORY_MS, FUTURE_MS, dealAt } from './company/calls.js';
export type { Mention, PhaseSpan, SimMonologue, SimSentence, TranscriptTruth } from './conversation/transcript.js';
export { KEY_PHRASES, countPhrase } from './conversation/key-phrases.js';
export { COMPETITORS, PRODUCT, VENDOR } from './conversation/vocabulary.js';
export { FREE_MAIL_DOMAINS } from './company/names.js';
export { parseFaultSpec, formatFaultSpec, FAULT_KINDS, OUTAGE_MODES, type FaultKind, type FaultRule, type FaultSpec, type OutageMode } from './faults.js';
export { DEMO_CREDENTIALS, type Credentials } from './auth.js';
export { RequestLog, type RequestLogEntry } from './request-log.js';
export { RateLimiter, type RateLimitOptions } from './rate-limits.js';
export { SimClock } from './sim-clock.js';
export { CursorCodec, requestFingerprint, canonicalJson, type CursorPayload } from './cursor.js';
export { Prng, hashSeed } from './prng.js';
export { formatInstant, parseUtcOffset, formatUtcOffset } from './company-time.js';
export { parseRequestDateTime } from './date-params.js';
export { toWireUser } from './wire/users.js';
export { toWireMetaData } from './wire/metadata.js';
export { toWireExtensiveCall } from './wire/extensive-call.js';
export { parseSelector, type Selection } from './wire/selector.js';
