/**
 * The company's Gong settings: workspaces, tracker and scorecard definitions (docs/gong-api.md
 * §3.5). A full refresh every run, one request each; a definition a complete pass no longer
 * lists is marked `deleted_at`, like a user.
 */
import { bool, json, text, time } from '../column.js';
import { defineTable } from '../table.js';

export const gongWorkspaces = defineTable({
  name: 'gong_workspaces',
  description: 'Gong workspaces.',
  key: ['id'],
  tenant: true,
  exportName: 'workspaces',
  columns: {
    id: text(),
    name: text().nullable(),
    description: text().nullable(),
    deleted_at: time().nullable(),
    raw: json().describe('The workspace exactly as Gong sent it.'),
    seen_run_id: text().nullable().internal(),
    synced_at: time().internal(),
  },
});

export const gongTrackers = defineTable({
  name: 'gong_trackers',
  description: 'Tracker definitions: the words and phrases Gong listens for.',
  key: ['id'],
  tenant: true,
  exportName: 'trackers',
  columns: {
    id: text(),
    name: text().nullable(),
    workspace_id: text().nullable(),
    affiliation: text().nullable().describe('Who must say it: Anyone, Company or NonCompany.'),
    keywords: json().nullable().describe('Keywords per language: [{language, keywords: [...], includeRelatedForms}].'),
    created_at: time().nullable(),
    updated_at: time().nullable(),
    deleted_at: time().nullable(),
    raw: json().describe('The tracker exactly as Gong sent it.'),
    seen_run_id: text().nullable().internal(),
    synced_at: time().internal(),
  },
});

export const gongScorecards = defineTable({
  name: 'gong_scorecards',
  description: 'Scorecard definitions and their questions.',
  key: ['id'],
  tenant: true,
  exportName: 'scorecards',
  columns: {
    id: text(),
    name: text().nullable(),
    workspace_id: text().nullable(),
    enabled: bool().nullable(),
    questions: json().nullable().describe('Questions: [{questionId, questionText, questionType, minRange, maxRange, answerOptions…}].'),
    updated_at: time().nullable(),
    deleted_at: time().nullable(),
    raw: json().describe('The scorecard exactly as Gong sent it.'),
    seen_run_id: text().nullable().internal(),
    synced_at: time().internal(),
  },
});
