import { describe, expect, it } from 'vitest';
import { isDealOpenAt, selectDeal, type DealForSelection } from '../../../src/crm/link/select-deal.js';

const t = (iso: string) => Date.parse(iso);
const deal = (id: string, created: string | null, close: string | null, isClosed: boolean | null): DealForSelection => ({
  id,
  createdMs: created === null ? null : t(created),
  closeDateMs: close === null ? null : t(`${close}T00:00:00Z`),
  isClosed,
});

// One account's history: a deal lost on March 31, a gap, a new deal created May 1 and open,
// plus an expansion opened in June with a later close date.
const LOST = deal('lost', '2026-01-10T09:00:00Z', '2026-03-31', true);
const NEW = deal('new', '2026-05-01T14:00:00Z', '2026-08-15', false);
const EXPANSION = deal('expansion', '2026-06-01T09:00:00Z', '2026-12-01', false);
const WON = deal('won', '2025-06-01T00:00:00Z', '2025-09-30', true);
const ACCOUNT = [LOST, NEW, EXPANSION, WON];

describe('isDealOpenAt', () => {
  it.each([
    ['before it was created', LOST, '2026-01-10T08:59:59Z', false],
    ['the instant it was created', LOST, '2026-01-10T09:00:00Z', true],
    ['during its life', LOST, '2026-02-15T12:00:00Z', true],
    ['on its close date, late in the day', LOST, '2026-03-31T23:59:59Z', true],
    ['the day after its close date', LOST, '2026-04-01T00:00:00Z', false],
    ['an open deal past its expected close date (it slipped)', NEW, '2026-09-20T10:00:00Z', true],
    ['a closed deal without a close date: cannot be placed', deal('x', '2026-01-01T00:00:00Z', null, true), '2026-02-01T00:00:00Z', false],
    ['unknown status, no close date: open', deal('x', '2026-01-01T00:00:00Z', null, null), '2027-02-01T00:00:00Z', true],
    ['unknown status: bounded by its close date', deal('x', '2026-01-01T00:00:00Z', '2026-02-01', null), '2026-02-02T00:00:00Z', false],
    ['no created date: no lower bound', deal('x', null, '2026-02-01', true), '2020-01-01T00:00:00Z', true],
  ])('%s', (_name, d, at, open) => expect(isDealOpenAt(d, t(at))).toBe(open));
});

describe('selectDeal', () => {
  it.each([
    ['a call during the lost deal links it (closed-lost deals count)', '2026-03-02T15:00:00Z', [], 'lost', 'only-open'],
    ['a call on the lost deal\'s close date still links it', '2026-03-31T16:00:00Z', [], 'lost', 'only-open'],
    ['a call between the lost deal and the next one links no deal', '2026-04-15T15:00:00Z', [], undefined, undefined],
    ['a call an hour before the new deal was created links no deal', '2026-05-01T13:00:00Z', [], undefined, undefined],
    ['a call in the new deal\'s life links it', '2026-05-20T15:00:00Z', [], 'new', 'only-open'],
    ['two open deals, no participant on either: nearest close date', '2026-07-01T15:00:00Z', [], 'new', 'nearest-close'],
    ['two open deals, a participant on the farther one: that one', '2026-07-01T15:00:00Z', ['expansion'], 'expansion', 'participant'],
    ['two open deals, participants on both: nearest close date among them', '2026-07-01T15:00:00Z', ['new', 'expansion'], 'new', 'participant'],
    ['a participant on a deal that is not open does not make it open', '2026-07-01T15:00:00Z', ['lost'], 'new', 'nearest-close'],
    ['open deals past their expected close dates stay open: the nearer close date wins', '2027-01-15T15:00:00Z', [], 'expansion', 'nearest-close'],
    ['long before any deal', '2024-01-01T00:00:00Z', [], undefined, undefined],
  ])('%s', (_name, at, participants, expected, choice) => {
    const result = selectDeal(ACCOUNT, t(at), new Set(participants));
    expect(result?.deal.id).toBe(expected);
    expect(result?.choice).toBe(choice);
  });

  it('after every deal closed, no deal (all closed)', () => {
    const closed = [LOST, WON, deal('later', '2026-05-01T00:00:00Z', '2026-06-30', true)];
    expect(selectDeal(closed, t('2026-08-01T10:00:00Z'), new Set())).toBeUndefined();
  });

  it('breaks close-date ties by the most recent creation, then by id', () => {
    const a = deal('a', '2026-01-01T00:00:00Z', '2026-06-30', false);
    const b = deal('b', '2026-02-01T00:00:00Z', '2026-06-30', false);
    const c = deal('c', '2026-02-01T00:00:00Z', '2026-06-30', false);
    expect(selectDeal([a, c, b], t('2026-03-01T00:00:00Z'), new Set())?.deal.id).toBe('b');
  });
});
