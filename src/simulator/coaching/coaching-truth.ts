/**
 * What Gong holds about coaching and call intelligence beyond the calls themselves, at any
 * simulated time: tracker and scorecard settings, answered scorecards, daily activity,
 * interaction stats, library folders and manual CRM associations. The server renders the
 * endpoints from it and tests compare a sync's tables with it (`company.coaching`). Everything is
 * built on first use and kept, so generating a company costs nothing extra.
 */
import type { Company } from '../company/company.js';
import { buildAnsweredScorecards, type AnsweredScorecard } from './answered-scorecards.js';
import { dayOf, dayStartMs } from './company-days.js';
import { buildActivityEvents, dailyActivity, type ActivityEvent, type UserDailyActivity } from './daily-activity.js';
import { interactionStats, type UserInteractionStats } from './interaction-stats.js';
import { buildLibrary, folderEntriesAt, folderExistsAt, folderUpdatedMs, type LibraryEntry, type LibraryFolder } from './library.js';
import { buildManualAssociations, latestManualAssociations, type ManualAssociation } from './manual-associations.js';
import { buildScorecards, type Scorecard } from './scorecards.js';
import { buildTrackerSettings, type TrackerSettings } from './tracker-settings.js';

/**
 * @example
 * const truth = sim.company.coaching;
 * truth.answeredScorecardsAt(sim.clock.now()).length;
 * truth.dailyActivityAt(sim.clock.now(), '2026-05-01', '2026-05-08');
 */
export class CoachingTruth {
  private trackerCache?: TrackerSettings[];
  private scorecardCache?: Scorecard[];
  private answeredCache?: AnsweredScorecard[];
  private eventCache?: ActivityEvent[];
  private libraryCache?: LibraryFolder[];
  private associationCache?: ManualAssociation[];

  constructor(private readonly company: Company) {}

  /** Tracker settings, all or one workspace's (`undefined` for a workspace the company lacks). */
  trackersOf(workspaceId?: string): TrackerSettings[] | undefined {
    this.trackerCache ??= buildTrackerSettings(this.company);
    if (workspaceId === undefined) return this.trackerCache;
    if (!this.company.workspaces.some((w) => w.id === workspaceId)) return undefined;
    return this.trackerCache.filter((t) => t.workspaceId === workspaceId);
  }

  /** Builds every truth the stats, scorecard, library and association routes read (`Company.prepare`). */
  prepare(): void {
    this.trackersOf();
    void this.activityEvents;
    void this.allFolders;
    void this.allManualAssociations;
  }

  /** Every scorecard (they all predate the calls). */
  get scorecards(): Scorecard[] {
    return (this.scorecardCache ??= buildScorecards(this.company));
  }

  /** Every review ever, including future ones, in review-time order. */
  get allAnsweredScorecards(): AnsweredScorecard[] {
    return (this.answeredCache ??= buildAnsweredScorecards(this.company, this.scorecards));
  }

  /** Reviews published by `atMs`, in review-time order. */
  answeredScorecardsAt(atMs: number): AnsweredScorecard[] {
    return this.allAnsweredScorecards.filter((a) => a.reviewMs <= atMs);
  }

  /** Every activity event, with when it happened and when the stats show it. */
  get activityEvents(): ActivityEvent[] {
    return (this.eventCache ??= buildActivityEvents(this.company, this.allAnsweredScorecards));
  }

  /** Day-by-day activity as the stats show it at `atMs` for company days `[fromDate, toDate)`. */
  dailyActivityAt(atMs: number, fromDate: string, toDate: string, userIds?: readonly string[]): UserDailyActivity[] {
    this.dayStart(fromDate);
    this.dayStart(toDate);
    return dailyActivity(this.company, this.activityEvents, atMs, fromDate, toDate, userIds ? new Set(userIds) : undefined);
  }

  /** Per-user interaction stats at `atMs` over the calls started in company days `[fromDate, toDate)`. */
  interactionStatsAt(atMs: number, fromDate: string, toDate: string, userIds?: readonly string[]): UserInteractionStats[] {
    return interactionStats(this.company, atMs, this.dayStart(fromDate), this.dayStart(toDate), userIds ? new Set(userIds) : undefined);
  }

  /** Every library folder ever, including those created later. */
  get allFolders(): LibraryFolder[] {
    return (this.libraryCache ??= buildLibrary(this.company));
  }

  /** Public folders that exist at `atMs` (default: the company's `now`), of one workspace or all. */
  publicFolders(atMs: number = this.company.now, workspaceId?: string): LibraryFolder[] {
    return this.allFolders.filter((f) => folderExistsAt(f, atMs) && (workspaceId === undefined || f.workspaceId === workspaceId));
  }

  /** A folder's calls at `atMs`; undefined when the folder does not exist then. */
  folderEntriesAt(folderId: string, atMs: number): LibraryEntry[] | undefined {
    const folder = this.allFolders.find((f) => f.id === folderId);
    return folder && folderExistsAt(folder, atMs) ? folderEntriesAt(folder, atMs) : undefined;
  }

  /** A folder's `updated` at `atMs`. */
  folderUpdatedMs(folder: LibraryFolder, atMs: number): number {
    return folderUpdatedMs(folder, atMs);
  }

  /** Every association event ever, in time order. */
  get allManualAssociations(): ManualAssociation[] {
    return (this.associationCache ??= buildManualAssociations(this.company));
  }

  /** Association events made by `atMs` (and at or after `fromMs`, when given), in time order. */
  manualAssociationsAt(atMs: number, fromMs?: number): ManualAssociation[] {
    return this.allManualAssociations.filter((a) => a.createdMs <= atMs && (fromMs === undefined || a.createdMs >= fromMs));
  }

  /** Each call's newest manual association at `atMs`: the deal a linker must prefer. */
  latestManualAssociationsAt(atMs: number): Map<string, ManualAssociation> {
    return latestManualAssociations(this.manualAssociationsAt(atMs));
  }

  private dayStart(date: string): number {
    const ms = dayStartMs(date, this.company.offsetMinutes);
    if (ms === undefined) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
    return ms;
  }

  /** The company day `atMs` falls on: the latest `toDate` the stats endpoints accept. */
  currentDay(atMs: number): string {
    return dayOf(atMs, this.company.offsetMinutes);
  }
}
