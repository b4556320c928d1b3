import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { formatSearchHits } from '../../../src/search/format-search-hits.js';
import { gongCallPage, gongCallUrlAt } from '../../../src/search/gong-call-link.js';
import { highlightSnippet } from '../../../src/search/highlight-snippet.js';
import { positiveTerms } from '../../../src/search/query-ast.js';
import { parseSearchQuery } from '../../../src/search/query-parser.js';
import type { SearchHit } from '../../../src/search/search-hit.js';
import { resolveSearchOptions } from '../../../src/search/search-options.js';

const snippet = (text: string, query: string, options = {}) => highlightSnippet(text, positiveTerms(parseSearchQuery(query)), options);

describe('highlightSnippet', () => {
  it.each([
    ['Our security team will need the SOC 2 report.', '"soc 2"', 'Our security team will need the «SOC 2» report.'],
    ['We support single sign-on through SAML with Okta.', '"single sign-on" OR saml', 'We support «single sign-on» through «SAML» with Okta.'],
    ['We support single sign-on through SAML with Okta.', 'sign', 'We support single «sign»-on through SAML with Okta.'],
    ['Integration and integrations, then integrity.', 'integrat*', '«Integration» and «integrations», then integrity.'],
    ['The discount is on the annual contract.', 'discount -annual', 'The «discount» is on the annual contract.'],
    ['Le café est prêt.', 'cafe OR pret', 'Le «café» est «prêt».'],
    ['Pricing, pricing and PRICING.', 'pricing', '«Pricing», «pricing» and «PRICING».'],
    ['single single sign-on', '"single sign-on" single', '«single» «single sign-on»'],
    ['Nothing here.', 'pricing', 'Nothing here.'],
  ])('%s / %s', (text, query, expected) => {
    expect(snippet(text, query)).toBe(expected);
  });

  it('uses the markers it is given and puts a long sentence on one line around its first match', () => {
    expect(snippet('the SOC 2 report', '"soc 2"', { markers: { open: '**', close: '**' } })).toBe('the **SOC 2** report');
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`);
    words[70] = 'pricing';
    const out = snippet(words.join(' \n '), 'pricing', { maxWords: 20 });
    expect(out).toBe(`…${words.slice(65, 85).join(' ').replace('pricing', '«pricing»')}…`);
    expect(out).not.toContain('\n');
    expect(snippet(words.slice(0, 30).join(' '), 'w1', { maxWords: 20 })).toBe(`w0 «w1» ${words.slice(2, 20).join(' ')}…`);
  });
});

describe('gongCallUrlAt', () => {
  it('opens the call at the sentence with the highlights form Gong itself emits', () => {
    const url = gongCallUrlAt('https://app.gong.io/call?id=7782342274025937895', '7782342274025937895', 460_230, 463_900);
    expect(url).toBe(
      'https://app.gong.io/call?id=7782342274025937895&highlights=%5B%7B%22from%22%3A460%2C%22to%22%3A464%2C%22type%22%3A%22LIBRARY%22%7D%5D',
    );
    const params = new URL(url).searchParams;
    expect(params.get('id')).toBe('7782342274025937895');
    expect(JSON.parse(params.get('highlights')!)).toEqual([{ from: 460, to: 464, type: 'LIBRARY' }]);
  });

  it('falls back to the call page when the call has no URL, and keeps a fragment last', () => {
    expect(gongCallPage('123')).toBe('https://app.gong.io/call?id=123');
    expect(new URL(gongCallUrlAt(null, '123', 0)).searchParams.get('highlights')).toBe('[{"from":0,"to":1,"type":"LIBRARY"}]');
    expect(gongCallUrlAt('https://x.example/call#t', '1', 2000, 2500)).toMatch(/^https:\/\/x\.example\/call\?highlights=[^#]+#t$/);
  });
});

describe('resolveSearchOptions', () => {
  it('defaults and normalises', () => {
    expect(resolveSearchOptions({ since: '2026-09-01', until: new Date('2026-10-01T00:00:00Z'), speaker: '  Jane   DOE ', affiliation: 'External' as never })).toMatchObject({
      limit: 20,
      since: '2026-09-01T00:00:00.000Z',
      until: '2026-10-01T00:00:00.000Z',
      speaker: 'jane doe',
      affiliation: 'external',
      rankWindow: 10_000,
      perCall: false,
    });
    // No upper bound: a limit beyond the window widens the window.
    expect(resolveSearchOptions({ limit: 50_000, perCall: true })).toMatchObject({ limit: 50_000, rankWindow: 50_000, perCall: true });
  });

  it.each([
    [{ limit: 0 }, /limit 0 is not a whole number of at least 1/],
    [{ limit: 2.5 }, /limit 2.5 is not a whole number of at least 1/],
    [{ since: 'last week' }, /since "last week" is not an instant/],
    [{ since: '2026-10-01', until: '2026-09-01' }, /since must be before until/],
    [{ affiliation: 'partner' as never }, /affiliation "partner" is not one of internal, external, unknown/],
    [{ speaker: '  ' }, /speaker is empty/],
  ])('%j', (options, message) => {
    expect(() => resolveSearchOptions(options)).toThrow(ConfigError);
    expect(() => resolveSearchOptions(options)).toThrow(message);
  });
});

describe('formatSearchHits', () => {
  const hit: SearchHit = {
    callId: '42',
    title: 'Acme – Security review',
    startedAt: '2026-09-14T15:02:31.000Z',
    speaker: 'Jane Doe',
    affiliation: 'External',
    offsetMs: 3_725_999,
    snippet: 'We need the «SOC 2» report.',
    url: 'https://app.gong.io/call?id=42&highlights=x',
    endMs: 3_727_000,
    text: 'We need the SOC 2 report.',
    speakerId: '7',
    speakerResolved: true,
    monologueIndex: 3,
    sentenceIndex: 1,
    score: 1,
  };

  it('prints one block per hit, with transcript-style speaker lines', () => {
    expect(formatSearchHits([hit, { ...hit, title: null, speaker: 'Unknown speaker', speakerResolved: false, affiliation: 'Unknown', offsetMs: 460_230 }])).toBe(
      'Acme – Security review · 2026-09-14 15:02 UTC\n' +
        '  [1:02:05] Jane Doe (External): We need the «SOC 2» report.\n' +
        '  https://app.gong.io/call?id=42&highlights=x\n' +
        '\n' +
        'Call 42 · 2026-09-14 15:02 UTC\n' +
        '  [07:40] Unknown speaker: We need the «SOC 2» report.\n' +
        '  https://app.gong.io/call?id=42&highlights=x\n',
    );
    expect(formatSearchHits([])).toBe('No matches.\n');
  });
});
