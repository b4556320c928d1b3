/**
 * The simulated company's ground truth: who works there, what its CRM says, and every call it
 * will ever have. Servers render Gong's wire shapes from these records (see `../wire/`); tests read
 * them directly to know what the right answer is.
 *
 * Instants are epoch milliseconds (`…Ms`/`…At`); strings in Gong's own format are precomputed
 * only where Gong shows them verbatim.
 */
import type { FractionDigits } from '../company-time.js';

export type SalesRole = 'Executive' | 'Manager' | 'AE' | 'SDR' | 'SE' | 'CSM' | 'RevOps' | 'Marketing';

export interface CompanyUser {
  id: string;
  /** The Salesforce User id (`005…`) Gong shows in a party's `context`. */
  crmUserId: string;
  firstName: string;
  lastName: string;
  emailAddress: string;
  /** Addresses on the alias domain; parties sometimes use one of these instead of `emailAddress`. */
  emailAliases: string[];
  title: string | null;
  role: SalesRole;
  managerId: string | null;
  active: boolean;
  createdMs: number;
  /** `created` as Gong writes it: company offset, milliseconds. */
  created: string;
  /** When an inactive user left; they host no calls after it. */
  deactivatedMs: number | null;
  phoneNumber: string | null;
  workspaceId: string;
  /** BCP-47 tags of `spokenLanguages`; `[]` for most users as in R1. */
  spokenLanguages: { language: string; primary: boolean }[];
  personalMeetingUrls: string[];
  meetingConsentPageUrl: string | null;
}

export interface Workspace {
  id: string;
  name: string;
  description: string;
}

/**
 * Marks on CRM accounts that make call-to-account linking hard; tests look them up to assert the
 * linker copes (docs/crm-linking.md, "Matching rules").
 */
export type AccountFlag =
  /** `website` starts with `www.` or `https://www.` */
  | 'website-www'
  /** `website` has a path such as `/about` */
  | 'website-path'
  /** `website` has no scheme (`acme.example`) */
  | 'website-bare'
  /** another account has the same `domain` (parent and subsidiary) */
  | 'shared-domain'
  /** some of its people email from a subdomain (`jane@eu.acme.example`) */
  | 'subdomain-emails'
  /** a closed-lost deal, a gap, then a new deal: calls in the gap belong to no deal */
  | 'sequential-deals';

export interface CrmAccount {
  id: string;
  name: string;
  /** As typed into the CRM: `https://www.acme.example/`, `acme.example`, `http://acme.example/about`… */
  website: string;
  /** The registrable domain the website points at, lower case. */
  domain: string;
  industry: string;
  ownerUserId: string;
  /** For a subsidiary that shares its parent's domain. */
  parentAccountId: string | null;
  /** Subdomains its people email from (`eu`, `emea`…), `[]` for most. */
  subdomains: string[];
  createdAt: string;
  flags: AccountFlag[];
}

export type ContactFlag =
  /** the contact's email domain is not the account's domain (and not a subdomain of it) */
  | 'email-domain-differs'
  /** the contact emails from a free-mail provider */
  | 'free-mail'
  /** the contact emails from a subdomain of the account's domain */
  | 'subdomain-email';

export interface CrmContact {
  id: string;
  accountId: string;
  firstName: string;
  lastName: string;
  name: string;
  email: string;
  title: string | null;
  phone: string | null;
  flags: ContactFlag[];
}

export type DealStage = 'Prospecting' | 'Discovery' | 'Proposal' | 'Negotiation' | 'Closed Won' | 'Closed Lost';

export interface CrmDeal {
  id: string;
  name: string;
  accountId: string;
  /** The stage as of the company's `now`. */
  stage: DealStage;
  amount: number;
  type: 'New Business' | 'Expansion' | 'Renewal';
  leadSource: string;
  /** UTC ISO, as a CRM export has it. */
  createdAt: string;
  /** `YYYY-MM-DD` in the company's offset. */
  closeDate: string;
  isClosed: boolean;
  isWon: boolean;
  contactIds: string[];
  createdMs: number;
  /** End of the close date (exclusive): the deal's life is [createdMs, closeMs). */
  closeMs: number;
  /** Each stage and when it began, oldest first; the last entry is the stage at `closeMs` for closed deals. */
  stageHistory: { stage: DealStage; fromMs: number }[];
}

export interface Crm {
  accounts: CrmAccount[];
  contacts: CrmContact[];
  deals: CrmDeal[];
}

export type PersonFlag =
  | 'crm-contact'
  /** works at a CRM account's domain but is not a CRM contact */
  | 'not-a-contact'
  | 'subdomain-email'
  | 'free-mail'
  | 'email-domain-differs'
  /** works for a company that is not in the CRM at all */
  | 'unknown-domain';

/** Someone outside the company who can join calls: a CRM contact, or not. */
export interface ExternalPerson {
  index: number;
  firstName: string;
  lastName: string;
  email: string;
  title: string | null;
  phone: string | null;
  /** Their employer in the CRM, if it is a CRM account (even when they are not a contact). */
  accountId: string | null;
  contactId: string | null;
  /** Employer name (for prospects not in the CRM too). */
  companyName: string;
  flags: PersonFlag[];
}

/** A company that is not in the CRM: prospects whose domains the linker must leave alone. */
export interface UnknownCompany {
  name: string;
  domain: string;
}

export type CallKind = 'external' | 'dialer' | 'internal' | 'imported';

/**
 * Why a call is hard to link. `accountId`/`dealId` on the call are the right answer; these say
 * which trap a naive linker would fall into.
 */
export type CallHardCase =
  | 'subdomain-email'
  | 'free-mail'
  | 'shared-domain'
  | 'email-domain-differs'
  | 'not-a-contact'
  | 'unknown-domain'
  /** the account had a closed-lost deal and a later new deal; the call is in the gap */
  | 'between-deals'
  /** Gong's call `context` names only the Account, no Opportunity */
  | 'context-account-only'
  /** Gong's call `context` is empty although the account is in the CRM */
  | 'context-none';

export type ContextKind = 'account+opportunity' | 'account' | 'none';

export interface CompanyCall {
  id: string;
  /** Position in `company.calls` (ascending `startedMs`). */
  index: number;
  /** Seed of everything generated on demand for this call (parties, transcript…). */
  seed: number;
  kind: CallKind;
  title: string;
  scheduledMs: number;
  startedMs: number;
  /** Sub-millisecond digits of `started` when it is written with 6 fractional digits. */
  startedMicros: number;
  startedDigits: FractionDigits;
  durationSec: number;
  primaryUserId: string;
  direction: 'Inbound' | 'Outbound' | 'Conference' | 'Unknown';
  system: string;
  scope: 'Internal' | 'External' | 'Unknown';
  media: 'Video' | 'Audio';
  language: string;
  workspaceId: string;
  sdrDisposition: string | null;
  clientUniqueId: string | null;
  purpose: string | null;
  /** Private from the start (about 3% of calls). */
  isPrivate: boolean;
  /** When a call that started public turns private, or null. */
  becomesPrivateAt: number | null;
  /** When Gong has processed the call and the API starts returning it. */
  visibleAt: number;
  /** When its transcript (and the analyses built on it) becomes available; null = never. */
  transcriptReadyAt: number | null;
  /** Imported calls carry no `parties` at all (docs/gong-api.md §5.6). */
  imported: boolean;
  /** Internal participants (Gong users), the primary user first. */
  userIds: string[];
  /** External participants, as indexes into `company.people`. */
  personIndexes: number[];
  /** The CRM account the call was with; null for internal calls and prospects not in the CRM. */
  accountId: string | null;
  /** The deal open at the time of the call; null when none was. */
  dealId: string | null;
  contextKind: ContextKind;
  /** For prospects not in the CRM: their company. */
  unknownCompany: string | null;
  hardCases: CallHardCase[];
  /** The call's agenda, which decides the conversation's phases. */
  agenda: Agenda;
}

export type Agenda =
  | 'intro'
  | 'discovery'
  | 'demo'
  | 'pricing'
  | 'security'
  | 'negotiation'
  | 'check-in'
  | 'cold-call'
  | 'internal';

/** A Gong tracker the company configured (docs/gong-api.md §3.3 Tracker). */
export interface TrackerDefinition {
  id: string;
  name: string;
  type: 'KEYWORD' | 'SMART';
  /** Lower-case phrases counted in transcripts. */
  phrases: string[];
}
