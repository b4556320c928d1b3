/**
 * What the connector relies on in each record Gong sends, one check per endpoint (shapes from
 * docs/gong-api.md §3 and the recorded fixtures; `?` where real Gong sends null or leaves a field
 * out). Only fields a mapper reads are named: Gong's other fields pass untouched into `raw`.
 */
import type {
  GongAnsweredScorecard,
  GongCall,
  GongCallTranscript,
  GongKeywordTracker,
  GongManualCrmAssociation,
  GongScorecard,
  GongUser,
  GongUserDailyActivity,
  GongUserInteractionStats,
  GongWorkspace,
} from '../types.js';
import { recordCheck } from './record-check.js';

export const checkUser = recordCheck<GongUser>('GET /v2/users', {
  what: 'user',
  idPath: 'id',
  fields: { id: 'id', emailAddress: 'text?', firstName: 'text?', lastName: 'text?', title: 'text?', managerId: 'id?', active: 'bool?', created: 'instant?' },
});

export const checkCall = recordCheck<GongCall>('POST /v2/calls/extensive', {
  what: 'call',
  idPath: 'metaData.id',
  fields: {
    metaData: 'object',
    'metaData.id': 'id',
    'metaData.started': 'instant',
    'metaData.scheduled': 'instant?',
    'metaData.duration': 'count?',
    'metaData.title': 'text?',
    'metaData.primaryUserId': 'id?',
    'metaData.workspaceId': 'id?',
    'metaData.isPrivate': 'bool?',
    'metaData.url': 'text?',
    content: 'object?',
    interaction: 'object?',
    context: 'list?',
  },
  lists: {
    // Parties of imported calls may have no id; a speaker id is null for unattributed speech.
    parties: { fields: { id: 'key?', speakerId: 'id?', userId: 'id?', emailAddress: 'text?', name: 'text?', affiliation: 'text?' } },
    'content.trackers': { fields: { id: 'key?', name: 'text?', count: 'count?' } },
    'interaction.interactionStats': { fields: { name: 'text?', value: 'number?' } },
    'interaction.speakers': { fields: { id: 'key?', userId: 'id?', talkTime: 'count?' } },
  },
});

export const checkTranscript = recordCheck<GongCallTranscript>('POST /v2/calls/transcript', {
  what: 'transcript of call',
  idPath: 'callId',
  fields: { callId: 'id', transcript: 'list' },
  lists: {
    transcript: {
      fields: { speakerId: 'id?', topic: 'text?', sentences: 'list' },
      lists: { sentences: { fields: { start: 'count', end: 'count', text: 'text' } } },
    },
  },
});

export const checkWorkspace = recordCheck<GongWorkspace>('GET /v2/workspaces', {
  what: 'workspace',
  idPath: 'id',
  fields: { id: 'id', name: 'text?', description: 'text?' },
});

export const checkTracker = recordCheck<GongKeywordTracker>('GET /v2/settings/trackers', {
  what: 'tracker',
  idPath: 'trackerId',
  fields: { trackerId: 'id', trackerName: 'text?', workspaceId: 'id?', affiliation: 'text?', languageKeywords: 'list?', created: 'instant?', updated: 'instant?' },
});

export const checkScorecard = recordCheck<GongScorecard>('GET /v2/settings/scorecards', {
  what: 'scorecard',
  idPath: 'scorecardId',
  fields: { scorecardId: 'id', scorecardName: 'text?', workspaceId: 'id?', enabled: 'bool?', questions: 'list?', updated: 'instant?' },
});

export const checkAnsweredScorecard = recordCheck<GongAnsweredScorecard>('POST /v2/stats/activity/scorecards', {
  what: 'answered scorecard',
  idPath: 'answeredScorecardId',
  fields: {
    answeredScorecardId: 'id',
    scorecardId: 'id?',
    callId: 'id?',
    callStartTime: 'instant?',
    reviewedUserId: 'id?',
    reviewerUserId: 'id?',
    reviewTime: 'instant?',
    visibilityType: 'text?',
  },
  lists: { answers: { fields: { questionId: 'key?', isOverall: 'bool?', score: 'number?', answerText: 'text?', notApplicable: 'bool?', selectedOptions: 'list?' } } },
});

export const checkDailyActivity = recordCheck<GongUserDailyActivity>('POST /v2/stats/activity/day-by-day', {
  what: 'user activity of user',
  idPath: 'userId',
  fields: { userId: 'id', userEmailAddress: 'text?' },
  lists: { userDailyActivityStats: { fields: { fromDate: 'instant?', toDate: 'instant?' } } },
});

export const checkInteractionStats = recordCheck<GongUserInteractionStats>('POST /v2/stats/interaction', {
  what: 'interaction statistics of user',
  idPath: 'userId',
  fields: { userId: 'id', userEmailAddress: 'text?' },
  lists: { personInteractionStats: { fields: { name: 'text?', value: 'number?' } } },
});

export const checkLibraryFolder = recordCheck<{ id: string }>('GET /v2/library/folders', {
  what: 'library folder',
  idPath: 'id',
  fields: { id: 'id', name: 'text?', parentFolderId: 'id?', createdBy: 'id?', updated: 'instant?' },
});

export const checkLibraryCall = recordCheck<{ id: string }>('GET /v2/library/folder-content', {
  what: 'library call',
  idPath: 'id',
  fields: { id: 'id', title: 'text?', note: 'text?', addedBy: 'id?', created: 'instant?', url: 'text?', snippet: 'object?', 'snippet.fromSec': 'count?', 'snippet.toSec': 'count?' },
});

export const checkManualAssociation = recordCheck<GongManualCrmAssociation>('GET /v2/calls/manual-crm-associations', {
  what: 'manual CRM association of call',
  idPath: 'callId',
  fields: { callId: 'id', userId: 'id?', created: 'instant' },
  lists: { associatedCrmObjects: { fields: { accountCrmId: 'key?', dealCrmId: 'key?' } } },
});
