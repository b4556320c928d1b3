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
 *
 * Rules are tried in the order written; the first whose draw hits applies. Every request draws
 * once per rule from a PRNG seeded with `faultSeed`, so the same requests meet the same faults.
 */
import { parseDuration } from '../util/time.js';
import { Prng } from './prng.js';

export const FAULT_KINDS = ['5xx', 'reset', 'slow', '429', '429storm', 'expire', 'malformed', 'truncate', 'repeatcursor'] as const;
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
}

export type FaultSpec = readonly FaultRule[];

/** A fault chosen for one request, with its random details already drawn. */
export interface FaultDecision {
  rule: FaultRule;
  /** `5xx`: the status to send. */
  status?: number;
  /** `reset`: where to cut. */
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

  constructor(spec: FaultSpec, seed: number) {
    this.rules = spec;
    this.rng = new Prng(seed).derive('faults');
  }

  get spec(): FaultSpec {
    return this.rules;
  }

  set(spec: FaultSpec): void {
    this.rules = spec;
  }

  /** The fault for a request, or null. `expire` and `repeatcursor` apply only to requests with a cursor. */
  decide(request: { hasCursor: boolean }): FaultDecision | null {
    let chosen: FaultRule | null = null;
    for (const rule of this.rules) {
      const hit = this.rng.next() < rule.probability;
      const applicable = (rule.kind !== 'expire' && rule.kind !== 'repeatcursor') || request.hasCursor;
      if (hit && applicable && !chosen) chosen = rule;
    }
    if (!chosen) return null;
    const decision: FaultDecision = { rule: chosen };
    if (chosen.kind === '5xx') decision.status = this.rng.pick(chosen.statuses ?? [500, 502, 503, 504]);
    if (chosen.kind === 'reset') decision.mode = chosen.mode ?? (this.rng.chance(0.5) ? 'before' : 'mid');
    return decision;
  }
}
