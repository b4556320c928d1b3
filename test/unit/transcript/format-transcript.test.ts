import { describe, expect, it } from 'vitest';
import type { GongMonologue, GongParty } from '../../../src/gong/types.js';
import { formatTimestamp, formatTranscript } from '../../../src/transcript/format-transcript.js';
import { resolveSpeaker, speakerResolver } from '../../../src/transcript/resolve-speaker.js';

const parties: GongParty[] = [
  { id: 'p1', speakerId: 's1', name: 'Alex Rivera', userId: 'u1', emailAddress: 'alex@acme.example', affiliation: 'Internal' },
  { id: 'p2', speakerId: 's2', userId: 'u2', emailAddress: 'sam@acme.example', affiliation: 'Internal' },
  { id: 'p3', speakerId: 's3', emailAddress: 'buyer@globex.example', affiliation: 'External' },
  { id: 'p4', speakerId: 's4', name: 'Phone Caller #1' },
  { id: 'p5', speakerId: null, name: 'Silent Invitee', affiliation: 'External' },
  { id: 'p6', speakerId: 's6', affiliation: 'External' },
];
const users = new Map([
  ['u1', { firstName: 'Alexandra', lastName: 'Rivera' }],
  ['u2', { firstName: 'Sam', lastName: 'Lee', emailAddress: 'sam.lee@acme.example' }],
]);

const mono = (speakerId: string | null, start: number, ...texts: string[]): GongMonologue => ({
  speakerId,
  topic: null,
  sentences: texts.map((text, i) => ({ start: start + i * 1000, end: start + i * 1000 + 900, text })),
});

describe('formatTimestamp', () => {
  it('rounds down to the second, mm:ss under an hour, h:mm:ss from one hour', () => {
    expect(formatTimestamp(0)).toBe('00:00');
    expect(formatTimestamp(999)).toBe('00:00');
    expect(formatTimestamp(65_999)).toBe('01:05');
    expect(formatTimestamp(460_230)).toBe('07:40');
    expect(formatTimestamp(3_599_999)).toBe('59:59');
    expect(formatTimestamp(3_600_000)).toBe('1:00:00');
    expect(formatTimestamp(3_725_999)).toBe('1:02:05');
    expect(formatTimestamp(36_000_000 + 61_000)).toBe('10:01:01');
    expect(formatTimestamp(-5)).toBe('00:00');
    expect(formatTimestamp(Number.NaN)).toBe('00:00');
  });
});

describe('resolveSpeaker: the name fallback chain (README.md, "CLI")', () => {
  it('uses the party name first', () => {
    expect(resolveSpeaker('s1', parties, users)).toMatchObject({ name: 'Alex Rivera', affiliation: 'Internal', source: 'party-name', resolved: true });
  });
  it('then the Gong user of the party (first + last)', () => {
    expect(resolveSpeaker('s2', parties, users)).toMatchObject({ name: 'Sam Lee', affiliation: 'Internal', source: 'user-name' });
  });
  it('then the party email', () => {
    expect(resolveSpeaker('s3', parties, users)).toMatchObject({ name: 'buyer@globex.example', affiliation: 'External', source: 'party-email' });
  });
  it('accepts users as a list as well as a map', () => {
    expect(resolveSpeaker('s2', parties, [{ id: 'u2', firstName: 'Sam', lastName: null }])).toMatchObject({ name: 'Sam' });
  });
  it('falls back to the user email when the user has no name', () => {
    const p: GongParty[] = [{ id: 'x', speakerId: 'sx', userId: 'u9', affiliation: 'Internal' }];
    expect(resolveSpeaker('sx', p, new Map([['u9', { emailAddress: 'u9@acme.example' }]]))).toMatchObject({ name: 'u9@acme.example', source: 'user-email' });
  });
  it('gives Unknown affiliation to a party without one', () => {
    expect(resolveSpeaker('s4', parties, users)).toMatchObject({ name: 'Phone Caller #1', affiliation: 'Unknown' });
  });
  it('cannot resolve null ids, missing parties, unknown ids or nameless parties', () => {
    for (const r of [
      resolveSpeaker(null, parties, users),
      resolveSpeaker('s1', undefined, users),
      resolveSpeaker('s1', null, users),
      resolveSpeaker('nope', parties, users),
      resolveSpeaker('s6', parties, users),
    ]) {
      expect(r.name).toBe('Unknown speaker');
      expect(r.resolved).toBe(false);
    }
    expect(resolveSpeaker('s6', parties, users).affiliation).toBe('External');
  });
  it('caches per speaker id', () => {
    const of = speakerResolver(parties, users);
    expect(of('s1')).toBe(of('s1'));
  });
});

describe('formatTranscript', () => {
  it('renders one line per monologue: [mm:ss] Name (Affiliation): sentences', () => {
    const text = formatTranscript(
      [mono('s1', 0, 'Hi there.', 'Thanks for joining.'), mono('s3', 5_999, 'Happy to be here.'), mono('s2', 61_500, 'Let me share my screen.')],
      parties,
      users,
    );
    expect(text).toBe(
      [
        '[00:00] Alex Rivera (Internal): Hi there. Thanks for joining.',
        '[00:05] buyer@globex.example (External): Happy to be here.',
        '[01:01] Sam Lee (Internal): Let me share my screen.',
      ].join('\n'),
    );
  });

  it('renders unresolvable speakers as "Unknown speaker" with no parentheses, and drops no line', () => {
    const transcript = [mono(null, 1000, 'Null id.'), mono('zzz', 2000, 'Unknown id.'), mono('s6', 3000, 'Nameless party.')];
    expect(formatTranscript(transcript, parties, users)).toBe(
      ['[00:01] Unknown speaker: Null id.', '[00:02] Unknown speaker: Unknown id.', '[00:03] Unknown speaker: Nameless party.'].join('\n'),
    );
  });

  it('renders an imported call without parties', () => {
    expect(formatTranscript([mono('s1', 0, 'Hello.'), mono('s2', 2000, 'Hi.')], undefined, users)).toBe(
      '[00:00] Unknown speaker: Hello.\n[00:02] Unknown speaker: Hi.',
    );
    expect(formatTranscript([mono('s1', 0, 'Hello.')], null, null)).toBe('[00:00] Unknown speaker: Hello.');
  });

  it('stamps past the first hour as [h:mm:ss], rounding down', () => {
    expect(formatTranscript([mono('s1', 3_661_999, 'Late.')], parties, users)).toBe('[1:01:01] Alex Rivera (Internal): Late.');
  });

  it('skips only monologues without sentences, and survives odd data', () => {
    const odd = [
      { speakerId: 's1', sentences: [] },
      { speakerId: 's1' } as unknown as GongMonologue,
      null as unknown as GongMonologue,
      { speakerId: 's3', sentences: [{ start: '7000', end: 8000, text: '  padded  ' }, { start: 9000, end: 9500, text: '' }] } as unknown as GongMonologue,
      { speakerId: 's1', sentences: [{ text: 'no start' }] } as unknown as GongMonologue,
    ];
    expect(formatTranscript(odd, parties, users)).toBe('[00:07] buyer@globex.example (External): padded\n[00:00] Alex Rivera (Internal): no start');
    expect(formatTranscript(undefined, parties, users)).toBe('');
    expect(formatTranscript([], parties, users)).toBe('');
  });

  it('renders markdown: bold stamp and name, paragraphs, escaped names', () => {
    const p: GongParty[] = [...parties, { id: 'p7', speakerId: 's7', name: 'Jo *Star* Smith_2', affiliation: 'External' }];
    const md = formatTranscript([mono('s1', 0, 'Hello.'), mono('s7', 4000, 'Hi.'), mono(null, 9000, 'Who?')], p, users, { format: 'markdown' });
    expect(md).toBe(
      ['**[00:00] Alex Rivera** (Internal): Hello.', '**[00:04] Jo \\*Star\\* Smith\\_2** (External): Hi.', '**[00:09] Unknown speaker**: Who?'].join('\n\n'),
    );
  });
});
