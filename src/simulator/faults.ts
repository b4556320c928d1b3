/**
 * Fault injection, so clients can be tested against a Gong that misbehaves the ways real
 * networks and Gong do (docs/gong-api.md §6): server errors, resets, slow and truncated answers,
 * bursts of 429, expired cursors, broken JSON and a cursor that repeats.
 *
 * Grammar (comma-separated rules, each at most once; whitespace ignored):
 *
 *   spec  := "" | "none" | rule ("," rule)*
 *   rule  := kind "=" prob [":" param]
 *   prob  := a number in [0, 1], or a percentage such as "5%"
 *
 *   5xx=P[:503/500]      answer 500, 502, 503 or 504 (or only the listed ones)
 *   reset=P[:before|mid] destroy the socket before the response, or after part of it
 *   slow=P:800ms         delay the response (ms, s, m); default 1s
 *   429=P[:2s]           429 with a short Retry-After (default 1 s)
 *   429storm=P:3600s     429 with a long Retry-After (default 3600 s)
 *   expire=P             400 "cursor has expired" on requests that carry a cursor
 *   malformed=P          200 whose body is not valid JSON
 *   truncate=P           the full Content-Length announced, half the body sent, socket destroyed
 *   repeatcursor=P       a page whose records.cursor repeats the cursor of the request
 *   outage=N:30s[:mode]  Gong down for a span of real time: the first N requests are served as
 *                        usual, request N+1 starts the outage, and every request that arrives in
 *                        the following DURATION (ms, s, m; this one included) fails. mode `mixed`
 *                        (default): 502 or 503 gateway pages and connection resets; `5xx`: only
 *                        502/503; `reset`: only resets. N is a whole number of requests (0 = from
 *                        the first), not a probability.
 *
 * Rules are tried in the order written; the first whose draw hits applies. Every request draws
 * once per rule from a PRNG seeded with `faultSeed`, so the same requests meet the same faults.
 * An outage overrides them all while it lasts (the other rules still draw, so the requests after
 * it meet the faults they would have met without it). Requests are counted from the last
 * `set()` (the simulator's `setFaults`), and only those that reach the faults: routing, auth and
 * the rate limiter answer before. The outage's span is measured on the injector's `now` (the
 * simulator's real clock, which tests may inject), its failures drawn from a PRNG of their own
 * derived from `faultSeed`: the same arrivals at the same times meet the same outage.
 */
import { performance } from 'node:perf_hooks';
import { parseDuration } from '../util/time.js';
import { Prng } from './prng.js';

export const FAULT_KINDS = ['5xx', 'reset', 'slow', '429', '429storm', 'expire', 'malformed', 'truncate', 'repeatcursor', 'outage'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  kind: FaultKind;
  probability: number;
  /** `slow`: how long. */
  delayMs?: number;
  /** `429`, `429storm`: the Retry-After header. */
  retryAfterSeconds?: number;
  /** `5xx`: the statuses to choose from. */
  statuses?: number[];
  /** `reset`: where the connection dies; random when absent. */
  mode?: 'before' | 'mid';
  /** `outage`: requests served before the outage starts (its `probability` is 1 and unused). */
  afterRequests?: number;
  /** `outage`: how long it lasts, real milliseconds from the arrival of the request that starts it. */
  durationMs?: number;
  /** `outage`: how requests fail; `mixed` when absent. */
  outageMode?: OutageMode;
}

export const OUTAGE_MODES = ['mixed', '5xx', 'reset'] as const;
export type OutageMode = (typeof OUTAGE_MODES)[number];

export type FaultSpec = readonly FaultRule[];

/** A fault chosen for one request, with its random details already drawn. */
export interface FaultDecision {
  rule: FaultRule;
  /** `5xx`: the status to send. */
  status?: number;
  /** `reset`, and `outage` when it resets: where to cut. */
  mode?: 'before' | 'mid';
}

/**
 * Parses a fault spec; throws an Error naming the bad token.
 *
 * @example parseFaultSpec('5xx=0.05,reset=0.02,slow=0.1:800ms,429=0.02')
 */
export function parseFaultSpec(spec: string): FaultSpec {
  const text = spec.trim();
  if (text === '' || text.toLowerCase() === 'none') return [];
  const rules: FaultRule[] = [];
  for (const raw of text.split(',')) {
    const token = raw.trim();
    const m = /^([a-z0-9]+)\s*=\s*([^:]+?)\s*(?::\s*(.+))?$/i.exec(token);
    if (!m) throw new Error(`fault spec: cannot read "${token}": expected kind=probability[:param], e.g. 5xx=0.05 or slow=0.1:800ms`);
    const kind = m[1]!.toLowerCase() as FaultKind;
    if (!FAULT_KINDS.includes(kind)) throw new Error(`fault spec: unknown fault "${m[1]}" in "${token}"; known faults: ${FAULT_KINDS.join(', ')}`);
    if (rules.some((r) => r.kind === kind)) throw new Error(`fault spec: "${kind}" is given twice (in "${token}")`);
    if (kind === 'outage') {
      rules.push(parseOutage(m[2]!, m[3], token));
      continue;
    }
    const probability = parseProbability(m[2]!);
    if (probability === undefined) throw new Error(`fault spec: bad probability "${m[2]}" in "${token}": expected a number from 0 to 1 or a percentage`);
    rules.push({ kind, probability, ...parseParam(kind, m[3], token) });
  }
  return rules;
}

/**
 * The spec's text form, which `parseFaultSpec` reads back to the same rules.
 *
 * @example formatFaultSpec(parseFaultSpec('slow=0.1:2s')) // 'slow=0.1:2000ms'
 */
export function formatFaultSpec(spec: FaultSpec): string {
  return spec
    .map((r) => {
      const param =
        r.kind === 'slow'
          ? `:${r.delayMs}ms`
          : r.kind === '429' || r.kind === '429storm'
            ? `:${r.retryAfterSeconds}s`
            : r.kind === '5xx' && r.statuses
              ? `:${r.statuses.join('/')}`
              : r.kind === 'reset' && r.mode
                ? `:${r.mode}`
                : '';
      if (r.kind === 'outage') return `outage=${r.afterRequests ?? 0}:${r.durationMs ?? 0}ms${r.outageMode ? `:${r.outageMode}` : ''}`;
      return `${r.kind}=${r.probability}${param}`;
    })
    .join(',');
}

function parseProbability(text: string): number | undefined {
  const percent = text.endsWith('%');
  const n = Number(percent ? text.slice(0, -1) : text);
  if (text.trim() === '' || !Number.isFinite(n)) return undefined;
  const p = percent ? n / 100 : n;
  return p >= 0 && p <= 1 ? p : undefined;
}

/** `outage=N:DURATION[:mode]`: N whole requests, a duration above zero, a known mode. */
function parseOutage(after: string, param: string | undefined, token: string): FaultRule {
  const expected = 'outage=N:DURATION[:mixed|5xx|reset], e.g. outage=200:90s (requests 1–200 served, then 90 s of failures)';
  if (!/^\d+$/.test(after.trim())) throw new Error(`fault spec: bad request count "${after}" in "${token}": expected a whole number of requests; ${expected}`);
  if (param === undefined) throw new Error(`fault spec: "${token}" gives no duration: expected ${expected}`);
  const [durationText, modeText, ...rest] = param.split(':').map((s) => s.trim());
  const durationMs = parseDuration(durationText!);
  if (durationMs === undefined || durationMs <= 0) throw new Error(`fault spec: bad duration "${durationText}" in "${token}": expected a duration above zero such as 800ms, 30s or 3m; ${expected}`);
  if (rest.length > 0 || (modeText !== undefined && !(OUTAGE_MODES as readonly string[]).includes(modeText))) {
    throw new Error(`fault spec: bad outage mode "${param.slice(durationText!.length + 1)}" in "${token}": expected one of ${OUTAGE_MODES.join(', ')}`);
  }
  return { kind: 'outage', probability: 1, afterRequests: Number(after.trim()), durationMs, ...(modeText === undefined ? {} : { outageMode: modeText as OutageMode }) };
}

function parseParam(kind: FaultKind, param: string | undefined, token: string): Partial<FaultRule> {
  const bad = (expected: string) => new Error(`fault spec: bad parameter "${param}" in "${token}": expected ${expected}`);
  switch (kind) {
    case 'slow': {
      if (param === undefined) return { delayMs: 1000 };
      const ms = parseDuration(param);
      if (ms === undefined) throw bad('a duration such as 800ms or 2s');
      return { delayMs: ms };
    }
    case '429':
    case '429storm': {
      if (param === undefined) return { retryAfterSeconds: kind === '429' ? 1 : 3600 };
      const ms = /^\d+$/.test(param) ? Number(param) * 1000 : parseDuration(param);
      if (ms === undefined || ms < 1000) throw bad('whole seconds such as 30s, 3600 or 1h');
      return { retryAfterSeconds: Math.round(ms / 1000) };
    }
    case '5xx': {
      if (param === undefined) return {};
      const statuses = param.split(/[/|]/).map((s) => Number(s.trim()));
      if (statuses.some((s) => !Number.isInteger(s) || s < 500 || s > 599)) throw bad('statuses 500–599 separated by "/", e.g. 502/503');
      return { statuses };
    }
    case 'reset': {
      if (param === undefined) return {};
      if (param !== 'before' && param !== 'mid') throw bad('"before" or "mid"');
      return { mode: param };
    }
    default:
      if (param !== undefined) throw bad('no parameter');
      return {};
  }
}

/**
 * Draws the fault for each request.
 *
 * @example
 * const faults = new FaultInjector(parseFaultSpec('reset=1'), 7);
 * faults.decide({ hasCursor: false })?.rule.kind // 'reset'
 */
export class FaultInjector {
  private rules: FaultSpec;
  private readonly rng: Prng;
  private readonly outageRng: Prng;
  private readonly now: () => number;
  /** Requests decided since the spec was set, and when its outage began (on `now`). */
  private seen = 0;
  private outageStart: number | undefined;

  /**
   * @param now real milliseconds, for an outage's span (default the monotonic clock); tests
   *   inject a clock that lets the span pass without waiting for it.
   */
  constructor(spec: FaultSpec, seed: number, now: () => number = () => performance.now()) {
    this.rules = spec;
    this.rng = new Prng(seed).derive('faults');
    this.outageRng = new Prng(seed).derive('outage');
    this.now = now;
  }

  get spec(): FaultSpec {
    return this.rules;
  }

  /** Replaces the rules; the request count (and so any outage) starts over. */
  set(spec: FaultSpec): void {
    this.rules = spec;
    this.seen = 0;
    this.outageStart = undefined;
  }

  /** The outage of the spec: when it began and ends (on `now`), or null while it has not begun. */
  outage(): { startedAt: number; endsAt: number; active: boolean } | null {
    const rule = this.rules.find((r) => r.kind === 'outage');
    if (!rule || this.outageStart === undefined) return null;
    const endsAt = this.outageStart + (rule.durationMs ?? 0);
    return { startedAt: this.outageStart, endsAt, active: this.now() < endsAt };
  }

  /** The fault for a request, or null. `expire` and `repeatcursor` apply only to requests with a cursor. */
  decide(request: { hasCursor: boolean }): FaultDecision | null {
    const outage = this.outageDecision();
    let chosen: FaultRule | null = null;
    for (const rule of this.rules) {
      if (rule.kind === 'outage') continue;
      const hit = this.rng.next() < rule.probability;
      const applicable = (rule.kind !== 'expire' && rule.kind !== 'repeatcursor') || request.hasCursor;
      if (hit && applicable && !chosen) chosen = rule;
    }
    if (!chosen) return outage;
    const decision: FaultDecision = { rule: chosen };
    if (chosen.kind === '5xx') decision.status = this.rng.pick(chosen.statuses ?? [500, 502, 503, 504]);
    if (chosen.kind === 'reset') decision.mode = chosen.mode ?? (this.rng.chance(0.5) ? 'before' : 'mid');
    // Drawn in full even when the outage wins, so the draws after it are those without it.
    return outage ?? decision;
  }

  /** Counts the request; while the outage lasts, how it fails. */
  private outageDecision(): FaultDecision | null {
    const index = this.seen++;
    const rule = this.rules.find((r) => r.kind === 'outage');
    if (!rule) return null;
    const now = this.now();
    if (this.outageStart === undefined && index >= (rule.afterRequests ?? 0)) this.outageStart = now;
    if (this.outageStart === undefined || now >= this.outageStart + (rule.durationMs ?? 0)) return null;
    const mode = rule.outageMode ?? 'mixed';
    const reset = mode === 'reset' || (mode === 'mixed' && this.outageRng.chance(0.5));
    if (reset) return { rule, mode: this.outageRng.chance(0.5) ? 'before' : 'mid' };
    return { rule, status: this.outageRng.pick([502, 503]) };
  }
}
