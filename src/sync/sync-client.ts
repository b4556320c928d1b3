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

/**
 * The part of `GongClient` the sync uses. Declared here so the sync depends on a shape, and a
 * test or another transport can stand in for the client.
 */
export interface SyncClient {
  users(): SyncPaginated<GongUser>;
  callsExtensive(params: { from: number; to: number }): SyncPaginated<GongCall>;
  transcripts(params: { callIds: string[] }): SyncPaginated<GongCallTranscript>;
  workspaces(): Promise<GongWorkspace[]>;
  trackers(): Promise<GongKeywordTracker[]>;
  scorecards(): Promise<GongScorecard[]>;
  answeredScorecards(params: { reviewFrom: string; reviewTo: string }): SyncPaginated<GongAnsweredScorecard>;
  dailyActivity(params: { fromDate: string; toDate: string }): SyncPaginated<GongUserDailyActivity>;
  interactionStats(params: { fromDate: string; toDate: string }): SyncPaginated<GongUserInteractionStats>;
  libraryFolders(): Promise<GongLibraryFolder[]>;
  libraryFolderContent(folderId: string): Promise<GongLibraryFolderContent>;
  manualCrmAssociations(params: { from: number }): SyncPaginated<GongManualCrmAssociation>;
  /** Gong's clock (from response `Date` headers) or undefined before any response was seen. */
  serverClockOffsetMs(): number | undefined;
  /** Seeds the Gong clock estimate with a previous run's offset, until a response says otherwise. */
  assumeServerClockOffset?(offsetMs: number): void;
  /** Requests put on the wire so far (retries included), for the run's statistics. */
  readonly requestsSent?: number;
}
