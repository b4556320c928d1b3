/**
 * Wire shapes of the coaching endpoints (docs/gong-api.md §3.5, S1 schemas). Ids are strings
 * everywhere, as R1 shows for scorecards even where the spec says int64, and so are a question's
 * `minRange`/`maxRange` (fixture settings-scorecards.real-trimmed.json). Timestamps are in the
 * company's offset: trackers with 6 fractional digits, scorecards and library without (R1).
 */
import type { AnsweredScorecard } from '../coaching/answered-scorecards.js';
import { ACTIVITY_COUNTERS, type UserDailyActivity } from '../coaching/daily-activity.js';
import type { UserInteractionStats } from '../coaching/interaction-stats.js';
import type { LibraryEntry, LibraryFolder } from '../coaching/library.js';
import type { ManualAssociation } from '../coaching/manual-associations.js';
import type { Scorecard } from '../coaching/scorecards.js';
import type { TrackerSettings } from '../coaching/tracker-settings.js';
import { formatInstant } from '../company-time.js';
import type { Company } from '../company/company.js';

/** @example toWireTracker(company.coaching.trackersOf()![0]!, -240).trackerName */
export function toWireTracker(t: TrackerSettings, offset: number): Record<string, unknown> {
  return {
    trackerId: t.id,
    trackerName: t.name,
    workspaceId: t.workspaceId,
    languageKeywords: [{ language: t.language, keywords: [...t.keywords], includeRelatedForms: t.includeRelatedForms }],
    affiliation: t.affiliation,
    partOfQuestion: t.partOfQuestion,
    saidAt: t.saidAt,
    saidAtInterval: t.saidAtInterval,
    saidAtUnit: t.saidAtUnit,
    saidInTopics: [...t.saidInTopics],
    filterQuery: t.filterQuery,
    created: formatInstant(t.createdMs, offset, 6, t.micros),
    creatorUserId: t.creatorUserId,
    updated: formatInstant(t.updatedMs, offset, 6, t.micros),
    updaterUserId: t.updaterUserId,
  };
}

/** In R1's key order. @example toWireScorecard(company.coaching.scorecards[0]!, -240).scorecardId */
export function toWireScorecard(s: Scorecard, offset: number): Record<string, unknown> {
  const created = formatInstant(s.createdMs, offset, 0);
  const updated = formatInstant(s.updatedMs, offset, 0);
  return {
    scorecardId: s.id,
    scorecardName: s.name,
    workspaceId: s.workspaceId,
    enabled: s.enabled,
    updaterUserId: s.updaterUserId,
    created,
    updated,
    reviewMethod: s.reviewMethod,
    questions: s.questions.map((q) => ({
      questionId: q.id,
      questionRevisionId: q.revisionId,
      questionText: q.text,
      isOverall: q.isOverall,
      updaterUserId: s.updaterUserId,
      questionType: q.type,
      answerGuide: q.answerGuide,
      minRange: q.minRange === null ? null : String(q.minRange),
      maxRange: q.maxRange === null ? null : String(q.maxRange),
      answerOptions: q.options.map((o) => ({ id: o.id, text: o.text })),
      created,
      updated,
    })),
  };
}

/** @example toWireAnsweredScorecard(company, company.coaching.answeredScorecardsAt(now)[0]!) */
export function toWireAnsweredScorecard(company: Company, a: AnsweredScorecard): Record<string, unknown> {
  const call = company.callById(a.callId)!;
  return {
    answeredScorecardId: a.id,
    scorecardId: a.scorecardId,
    scorecardName: a.scorecardName,
    callId: a.callId,
    callStartTime: formatInstant(call.startedMs, company.offsetMinutes, call.startedDigits, call.startedMicros),
    reviewedUserId: a.reviewedUserId,
    reviewerUserId: a.reviewerUserId,
    reviewTime: formatInstant(a.reviewMs, company.offsetMinutes, 0),
    visibilityType: a.visibility,
    answers: a.answers.map((x) => ({ ...x, selectedOptions: x.selectedOptions ? [...x.selectedOptions] : null })),
  };
}

/** @example toWireDailyActivity(company.coaching.dailyActivityAt(now, from, to)[0]!, -240) */
export function toWireDailyActivity(u: UserDailyActivity, offset: number): Record<string, unknown> {
  return {
    userId: u.userId,
    userEmailAddress: u.emailAddress,
    userDailyActivityStats: u.days.map((d) => ({
      ...Object.fromEntries(ACTIVITY_COUNTERS.map((c) => [c, [...d.counters[c]]])),
      fromDate: formatInstant(d.fromMs, offset, 0),
      toDate: formatInstant(d.toMs, offset, 0),
    })),
  };
}

/** @example toWireInteractionStats(company.coaching.interactionStatsAt(now, from, to)[0]!) */
export function toWireInteractionStats(u: UserInteractionStats): Record<string, unknown> {
  return { userId: u.userId, userEmailAddress: u.emailAddress, personInteractionStats: u.stats.map((s) => ({ name: s.name, value: s.value })) };
}

/** `Etc/GMT+4` for `-04:00` (the sign is inverted in those names); the offset itself when not whole hours. */
export function timeZoneName(offset: number): string {
  if (offset === 0) return 'UTC';
  if (offset % 60 !== 0) return formatInstant(0, offset, 0).slice(19);
  return `Etc/GMT${offset < 0 ? '+' : '-'}${Math.abs(offset / 60)}`;
}

/** @example toWireFolder(folder, updatedMs, -240) */
export function toWireFolder(f: LibraryFolder, updatedMs: number, offset: number): Record<string, unknown> {
  return { id: f.id, name: f.name, parentFolderId: f.parentFolderId, createdBy: f.createdBy, updated: formatInstant(updatedMs, offset, 0) };
}

/** @example toWireLibraryCall(entry, -240).url */
export function toWireLibraryCall(e: LibraryEntry, offset: number): Record<string, unknown> {
  return {
    id: e.callId,
    title: e.title,
    note: e.note,
    addedBy: e.addedBy,
    created: formatInstant(e.addedMs, offset, 0),
    url: `https://app.gong.io/call?id=${e.callId}`,
    ...(e.snippet ? { snippet: { ...e.snippet } } : {}),
  };
}

/** An account-only association has no `dealCrmId` key. @example toWireManualAssociation(a, -240) */
export function toWireManualAssociation(a: ManualAssociation, offset: number): Record<string, unknown> {
  return {
    callId: a.callId,
    userId: a.userId,
    created: formatInstant(a.createdMs, offset, 3),
    associatedCrmObjects: [{ accountCrmId: a.accountCrmId, ...(a.dealCrmId ? { dealCrmId: a.dealCrmId } : {}) }],
  };
}
