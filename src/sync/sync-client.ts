import type {
  GongAnsweredScorecard,
  GongCall,
  GongCallTranscript,
  GongKeywordTracker,
  GongLibraryFolder,
  GongLibraryFolderContent,
  GongManualCrmAssociation,
  GongRecords,
  GongScorecard,
  GongUser,
  GongUserDailyActivity,
  GongUserInteractionStats,
  GongWorkspace,
} from '../gong/types.js';

/** One page as the client delivers it: the sync commits page by page. */
export interface SyncPage<T> {
  items: T[];
  records?: GongRecords | undefined;
}

/** A paginated list the sync can walk page by page. */
export interface SyncPaginated<T> extends AsyncIterable<T> {
  pages(): AsyncIterable<SyncPage<T>>;
}

/** Every request of a run carries the run's signal: requests still in flight when it ends stop. */
interface Cancel {
  signal?: AbortSignal;
}

/**
 * The part of `GongClient` the sync uses. Declared here so the sync depends on a shape, and a
 * test or another transport can stand in for the client.
 */
export interface SyncClient {
  users(options: Cancel): SyncPaginated<GongUser>;
  callsExtensive(params: { from: number; to: number } & Cancel): SyncPaginated<GongCall>;
  transcripts(params: { callIds: string[] } & Cancel): SyncPaginated<GongCallTranscript>;
  workspaces(options: Cancel): Promise<GongWorkspace[]>;
  trackers(options: Cancel): Promise<GongKeywordTracker[]>;
  scorecards(options: Cancel): Promise<GongScorecard[]>;
  answeredScorecards(params: { reviewFrom: string; reviewTo: string } & Cancel): SyncPaginated<GongAnsweredScorecard>;
  dailyActivity(params: { fromDate: string; toDate: string } & Cancel): SyncPaginated<GongUserDailyActivity>;
  interactionStats(params: { fromDate: string; toDate: string } & Cancel): SyncPaginated<GongUserInteractionStats>;
  libraryFolders(options: Cancel): Promise<GongLibraryFolder[]>;
  libraryFolderContent(folderId: string, options: Cancel): Promise<GongLibraryFolderContent>;
  manualCrmAssociations(params: { from: number } & Cancel): SyncPaginated<GongManualCrmAssociation>;
  /** Gong's clock (from response `Date` headers) or undefined before any response was seen. */
  serverClockOffsetMs(): number | undefined;
  /** Seeds the Gong clock estimate with a previous run's offset, until a response says otherwise. */
  assumeServerClockOffset?(offsetMs: number): void;
  /** Requests put on the wire so far (retries included), for the run's statistics. */
  readonly requestsSent?: number;
}
