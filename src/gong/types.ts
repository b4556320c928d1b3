/**
 * Gong v2 wire types: the JSON shapes Gong sends and accepts, as documented in
 * docs/gong-api.md (§2, §3) and Gong's OpenAPI spec (`test/fixtures/gong-api/openapi.json`).
 *
 * These describe what we *read*; every interface is open (`[key: string]: unknown`) because
 * Gong adds fields without warning (docs/gong-api.md §2.1). Ids are always strings here: the client
 * normalises ids that arrive as JSON numbers before anything else sees them (docs/gong-api.md §2.3).
 * Timestamps stay in Gong's own form (ISO-8601 in the company's offset); the store converts
 * them to UTC instants.
 */

/** Gong's pagination block (docs/gong-api.md §2.2). `cursor` is present only when more pages exist. */
export interface GongRecords {
  totalRecords: number;
  currentPageSize: number;
  currentPageNumber: number;
  cursor?: string;
  [key: string]: unknown;
}

/** Every error body: `{requestId, errors: string[]}` (docs/gong-api.md §4.1). */
export interface GongErrorBody {
  requestId?: string;
  errors?: string[];
  [key: string]: unknown;
}

/** A Gong user (GET /v2/users, POST /v2/users/extensive; docs/gong-api.md §3.1). */
export interface GongUser {
  id: string;
  emailAddress?: string | null;
  created?: string | null;
  active?: boolean | null;
  emailAliases?: string[] | null;
  trustedEmailAddress?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  title?: string | null;
  phoneNumber?: string | null;
  extension?: string | null;
  personalMeetingUrls?: string[] | null;
  settings?: Record<string, boolean> | null;
  managerId?: string | null;
  meetingConsentPageUrl?: string | null;
  spokenLanguages?: { language: string; primary: boolean }[] | null;
  [key: string]: unknown;
}

export type CallDirection = 'Inbound' | 'Outbound' | 'Conference' | 'Unknown';
export type CallScope = 'Internal' | 'External' | 'Unknown';
export type PartyAffiliation = 'Internal' | 'External' | 'Unknown';

/** A call's metadata: `GET /v2/calls` items and `metaData` of `/v2/calls/extensive` (docs/gong-api.md §3.2). */
export interface GongCallMetaData {
  id: string;
  url?: string | null;
  title?: string | null;
  scheduled?: string | null;
  started: string;
  duration?: number | null;
  primaryUserId?: string | null;
  direction?: CallDirection | string | null;
  system?: string | null;
  scope?: CallScope | string | null;
  media?: 'Video' | 'Audio' | string | null;
  language?: string | null;
  workspaceId?: string | null;
  sdrDisposition?: string | null;
  clientUniqueId?: string | null;
  customData?: string | null;
  purpose?: string | null;
  meetingUrl?: string | null;
  isPrivate?: boolean | null;
  calendarEventId?: string | null;
  [key: string]: unknown;
}

/** One field of a CRM object attached to a call or party. Values come in any JSON type (docs/gong-api.md §3.3). */
export interface GongContextField {
  name: string;
  value?: unknown;
  [key: string]: unknown;
}

/** A CRM object Gong linked to a call (`context[].objects[]`): Account, Opportunity, Contact, Lead, User… */
export interface GongContextObject {
  objectType: string;
  objectId: string | null;
  fields?: GongContextField[];
  timing?: 'Now' | 'TimeOfCall' | string;
  [key: string]: unknown;
}

/** `context[]` on a call or a party: one entry per CRM system. */
export interface GongContext {
  system: string;
  objects: GongContextObject[];
  [key: string]: unknown;
}

/** A call participant (`parties[]` of `/v2/calls/extensive`; docs/gong-api.md §3.3). Most keys may be absent. */
export interface GongParty {
  id: string;
  emailAddress?: string | null;
  name?: string | null;
  title?: string | null;
  userId?: string | null;
  speakerId?: string | null;
  context?: GongContext[] | null;
  affiliation?: PartyAffiliation | string | null;
  phoneNumber?: string | null;
  methods?: string[] | null;
  [key: string]: unknown;
}

/** One element of `calls[]` from `POST /v2/calls/extensive`. `parties` is absent on imported calls. */
export interface GongCall {
  metaData: GongCallMetaData;
  context?: GongContext[] | null;
  parties?: GongParty[] | null;
  content?: Record<string, unknown> | null;
  interaction?: Record<string, unknown> | null;
  collaboration?: Record<string, unknown> | null;
  media?: Record<string, unknown> | null;
  [key: string]: unknown;
}

/** One sentence of a monologue; `start`/`end` are milliseconds from the call's start. */
export interface GongSentence {
  start: number;
  end: number;
  text: string;
  [key: string]: unknown;
}

/** Consecutive sentences of one speaker. `speakerId` and `topic` can be null (docs/gong-api.md §5.7). */
export interface GongMonologue {
  speakerId: string | null;
  topic?: string | null;
  sentences: GongSentence[];
  [key: string]: unknown;
}

/** One element of `callTranscripts[]` from `POST /v2/calls/transcript`. */
export interface GongCallTranscript {
  callId: string;
  transcript: GongMonologue[];
  [key: string]: unknown;
}

/** A workspace (GET /v2/workspaces; not paginated). */
export interface GongWorkspace {
  id: string;
  name?: string | null;
  description?: string | null;
  [key: string]: unknown;
}

/** A keyword tracker definition (GET /v2/settings/trackers; not paginated). */
export interface GongKeywordTracker {
  trackerId: string;
  trackerName?: string | null;
  workspaceId?: string | null;
  languageKeywords?: { language?: string; keywords?: string[]; includeRelatedForms?: boolean }[] | null;
  /** "Anyone" | "Company" | "NonCompany". */
  affiliation?: string | null;
  created?: string | null;
  updated?: string | null;
  [key: string]: unknown;
}

/** A scorecard definition (GET /v2/settings/scorecards; ids are strings in real answers). */
export interface GongScorecard {
  scorecardId: string;
  scorecardName?: string | null;
  workspaceId?: string | null;
  enabled?: boolean | null;
  questions?: unknown[] | null;
  updated?: string | null;
  [key: string]: unknown;
}

/** One answer of an answered scorecard. */
export interface GongScorecardAnswer {
  questionId: string;
  isOverall?: boolean | null;
  score?: number | null;
  answerText?: string | null;
  notApplicable?: boolean | null;
  selectedOptions?: string[] | null;
  [key: string]: unknown;
}

/** A scorecard a reviewer filled in about a call (POST /v2/stats/activity/scorecards). */
export interface GongAnsweredScorecard {
  answeredScorecardId: string;
  scorecardId?: string | null;
  scorecardName?: string | null;
  callId?: string | null;
  callStartTime?: string | null;
  reviewedUserId?: string | null;
  reviewerUserId?: string | null;
  reviewTime?: string | null;
  /** "PUBLIC" | "PRIVATE" | "OPT_IN_USERS". */
  visibilityType?: string | null;
  answers?: GongScorecardAnswer[] | null;
  [key: string]: unknown;
}

/** One day of one user's activity; `fromDate`/`toDate` bound the day in company time. */
export interface GongDailyActivityStats {
  fromDate?: string | null;
  toDate?: string | null;
  /** `callsAsHost`, `callsAttended`, … (DAILY_ACTIVITY_COUNTERS): lists of call ids. */
  [counter: string]: unknown;
}

/** One user's activity day by day (POST /v2/stats/activity/day-by-day). */
export interface GongUserDailyActivity {
  userId: string;
  userEmailAddress?: string | null;
  userDailyActivityStats?: GongDailyActivityStats[] | null;
  [key: string]: unknown;
}

/** One user's interaction statistics over the period asked for (POST /v2/stats/interaction). */
export interface GongUserInteractionStats {
  userId: string;
  userEmailAddress?: string | null;
  personInteractionStats?: { name?: string | null; value?: number | null }[] | null;
  [key: string]: unknown;
}

/** A public library folder (GET /v2/library/folders). */
export interface GongLibraryFolder {
  id: string;
  name?: string | null;
  parentFolderId?: string | null;
  createdBy?: string | null;
  updated?: string | null;
  workspaceId?: string | null;
  [key: string]: unknown;
}

/** A call saved in a library folder. */
export interface GongLibraryCall {
  id: string;
  title?: string | null;
  note?: string | null;
  addedBy?: string | null;
  created?: string | null;
  url?: string | null;
  snippet?: { fromSec?: number | null; toSec?: number | null } | null;
  [key: string]: unknown;
}

/** A folder with its calls (GET /v2/library/folder-content). */
export interface GongLibraryFolderContent {
  id?: string;
  name?: string | null;
  calls: GongLibraryCall[];
  [key: string]: unknown;
}

/** A call a user associated with CRM objects by hand (GET /v2/calls/manual-crm-associations). */
export interface GongManualCrmAssociation {
  callId: string;
  userId?: string | null;
  created?: string | null;
  associatedCrmObjects?: { accountCrmId?: string | null; dealCrmId?: string | null }[] | null;
  [key: string]: unknown;
}

/** The shared envelope of a paginated list. */
export interface GongPageEnvelope {
  requestId?: string;
  records?: GongRecords;
  [key: string]: unknown;
}

export interface UsersPage extends GongPageEnvelope {
  users: GongUser[];
}
export interface CallsPage extends GongPageEnvelope {
  calls: GongCallMetaData[];
}
export interface CallsExtensivePage extends GongPageEnvelope {
  calls: GongCall[];
}
export interface TranscriptsPage extends GongPageEnvelope {
  callTranscripts: GongCallTranscript[];
}

/** `contentSelector` of `POST /v2/calls/extensive` (docs/gong-api.md §3.3). `media` is deliberately absent: never requested. */
export interface ContentSelector {
  context?: 'None' | 'Basic' | 'Extended';
  contextTiming?: ('Now' | 'TimeOfCall')[];
  exposedFields?: {
    parties?: boolean;
    content?: Partial<
      Record<
        | 'structure'
        | 'topics'
        | 'trackers'
        | 'trackerOccurrences'
        | 'pointsOfInterest'
        | 'brief'
        | 'outline'
        | 'highlights'
        | 'callOutcome'
        | 'keyPoints',
        boolean
      >
    >;
    interaction?: Partial<Record<'speakers' | 'video' | 'personInteractionStats' | 'questions', boolean>>;
    collaboration?: { publicComments?: boolean };
  };
}

/** `filter` of `POST /v2/calls/extensive` and `POST /v2/calls/transcript`. */
export interface CallsFilter {
  fromDateTime?: string;
  toDateTime?: string;
  workspaceId?: string;
  callIds?: string[];
  primaryUserIds?: string[];
}

/** `filter` of `POST /v2/users/extensive`. */
export interface UsersFilter {
  createdFromDateTime?: string;
  createdToDateTime?: string;
  includeAvatars?: boolean;
  userIds?: string[];
}
