/** Workspaces, tracker and scorecard definitions (docs/gong-api.md §3.5) → their rows. */
import type { GongKeywordTracker, GongScorecard, GongWorkspace } from '../../gong/types.js';
import { boolOrNull, gongTimeToUtcLenient, text } from './values.js';

/** A definition that comes back after it was gone is no longer deleted. */
export function workspaceRow(workspace: GongWorkspace): Record<string, unknown> {
  return { id: String(workspace.id), name: text(workspace.name), description: text(workspace.description), deleted_at: null, raw: workspace };
}

export function trackerRow(tracker: GongKeywordTracker): Record<string, unknown> {
  return {
    id: String(tracker.trackerId),
    name: text(tracker.trackerName),
    workspace_id: text(tracker.workspaceId),
    affiliation: text(tracker.affiliation),
    keywords: Array.isArray(tracker.languageKeywords) ? tracker.languageKeywords : null,
    created_at: gongTimeToUtcLenient(tracker.created),
    updated_at: gongTimeToUtcLenient(tracker.updated),
    deleted_at: null,
    raw: tracker,
  };
}

export function scorecardRow(scorecard: GongScorecard): Record<string, unknown> {
  return {
    id: String(scorecard.scorecardId),
    name: text(scorecard.scorecardName),
    workspace_id: text(scorecard.workspaceId),
    enabled: boolOrNull(scorecard.enabled),
    questions: Array.isArray(scorecard.questions) ? scorecard.questions : null,
    updated_at: gongTimeToUtcLenient(scorecard.updated),
    deleted_at: null,
    raw: scorecard,
  };
}
