import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from '../../../src/client/lossless-json.js';
import { normalizeBody } from '../../../src/client/normalize-body.js';

describe('normalizeBody', () => {
  it('turns user ids and managerId into strings', () => {
    const body = normalizeBody({ users: [{ id: 12, managerId: 34, emailAddress: 'a@x' }, { id: '5', managerId: null }] });
    expect(body.users).toEqual([{ id: '12', managerId: '34', emailAddress: 'a@x' }, { id: '5', managerId: null }]);
  });

  it('normalises call metadata ids and a numeric-string duration, in GET /v2/calls and extensive shapes', () => {
    const basic = normalizeBody({ calls: [{ id: 1, primaryUserId: 2, workspaceId: 3, duration: '460' }] });
    expect(basic.calls[0]).toEqual({ id: '1', primaryUserId: '2', workspaceId: '3', duration: 460 });
    const single = normalizeBody({ call: { id: 9, duration: 5 } });
    expect(single.call).toEqual({ id: '9', duration: 5 });
    const extensive = normalizeBody({
      calls: [
        {
          metaData: { id: 1, primaryUserId: 2, duration: 3 },
          parties: [{ id: 10, userId: 11, speakerId: 12 }, { id: '13', speakerId: null }],
          interaction: { speakers: [{ id: 10, userId: 11, talkTime: 1.5 }] },
        },
      ],
    });
    expect(extensive.calls[0]).toEqual({
      metaData: { id: '1', primaryUserId: '2', duration: 3 },
      parties: [{ id: '10', userId: '11', speakerId: '12' }, { id: '13', speakerId: null }],
      interaction: { speakers: [{ id: '10', userId: '11', talkTime: 1.5 }] },
    });
  });

  it('normalises transcripts: callId and speakerId to strings, sentence start/end to numbers', () => {
    const body = normalizeBody({
      callTranscripts: [{ callId: 77, transcript: [{ speakerId: 5, topic: null, sentences: [{ start: '1000', end: 2000, text: 'hi' }] }] }],
    });
    expect(body.callTranscripts[0]).toEqual({
      callId: '77',
      transcript: [{ speakerId: '5', topic: null, sentences: [{ start: 1000, end: 2000, text: 'hi' }] }],
    });
  });

  it('turns records counts sent as strings into numbers', () => {
    const body = normalizeBody({ records: { totalRecords: '263', currentPageSize: '100', currentPageNumber: 0, cursor: 'c' } });
    expect(body.records).toEqual({ totalRecords: 263, currentPageSize: 100, currentPageNumber: 0, cursor: 'c' });
  });

  it('keeps big ids exact end to end (lossless parse, then normalise)', () => {
    const body = normalizeBody(parseJsonLossless('{"users":[{"id":7254376376091929519,"managerId":413440499764841252}]}')) as {
      users: { id: string; managerId: string }[];
    };
    expect(body.users[0]).toEqual({ id: '7254376376091929519', managerId: '413440499764841252' });
  });

  it('passes unknown fields and odd values through untouched and never throws', () => {
    const body = normalizeBody({
      users: [{ id: 1, conferencingProviders: null, brandNew: { nested: [1, 2] } }, null, 'odd'],
      calls: 'not a list',
      workspaces: [{ id: 99, name: 'W' }],
      extra: 1,
    });
    expect(body).toEqual({
      users: [{ id: '1', conferencingProviders: null, brandNew: { nested: [1, 2] } }, null, 'odd'],
      calls: 'not a list',
      workspaces: [{ id: '99', name: 'W' }],
      extra: 1,
    });
    expect(normalizeBody(null)).toBeNull();
    expect(normalizeBody([1])).toEqual([1]);
  });

  it('leaves a duration that is not numeric text as Gong sent it', () => {
    expect(normalizeBody({ calls: [{ id: '1', duration: 'n/a' }] }).calls[0]).toEqual({ id: '1', duration: 'n/a' });
  });
});
