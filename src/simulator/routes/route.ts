/**
 * What a route handler gets and gives back. Handlers are pure functions of the request and the
 * simulated time; the server adds `requestId`, headers, faults and logging around them.
 */
import type { Company } from '../company/company.js';
import type { PaginationConfig } from '../pagination.js';

export type PendingTranscript = 'omit' | 'empty';

export interface RouteContext {
  method: string;
  path: string;
  /** Path parameters, e.g. `{ id }` for `/v2/calls/{id}`. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body of a POST (`undefined` for GET). */
  body: unknown;
  requestId: string;
  /** Simulated time of arrival. */
  now: number;
  company: Company;
  pagination: PaginationConfig;
  pendingTranscript: PendingTranscript;
}

/** A response without its `requestId` (the server puts it first, as Gong does). */
export interface RouteResult {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** @example ok({ workspaces: [] }) */
export const ok = (body: Record<string, unknown>): RouteResult => ({ status: 200, body });

/** Gong's error shape `{requestId, errors: string[]}` (docs/gong-api.md §4.1). @example fail(404, NO_CALLS) */
export const fail = (status: number, ...errors: string[]): RouteResult => ({ status, body: { errors } });

/** The POST body as an object, or an error result. @example const body = bodyObject(ctx); if (isResult(body)) return body; */
export function bodyObject(ctx: RouteContext): Record<string, unknown> | RouteResult {
  if (ctx.body === null || typeof ctx.body !== 'object' || Array.isArray(ctx.body)) return fail(400, 'Malformed request: the body must be a JSON object');
  return ctx.body as Record<string, unknown>;
}

/** Tells a handler's early answer from a value. @example isResult(fail(400, 'bad')) // true */
export function isResult(value: unknown): value is RouteResult {
  return typeof value === 'object' && value !== null && 'status' in value && 'body' in value;
}
