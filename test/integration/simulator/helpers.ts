/**
 * Raw-HTTP helpers for the simulator's integration tests. They use `fetch` directly, never the
 * package's client, so the simulator is checked on its own.
 */
import type { Simulator } from '../../../src/simulator/index.js';

/** The simulated present all integration tests share. */
export const NOW = Date.parse('2026-06-01T12:00:00Z');

export const basicAuth = (sim: Pick<Simulator, 'credentials'>) =>
  'Basic ' + Buffer.from(`${sim.credentials.accessKey}:${sim.credentials.accessKeySecret}`).toString('base64');

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Sends a request and parses the JSON answer. `auth: null` sends no Authorization header. */
export async function send<T = any>(
  sim: Simulator,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  pathAndQuery: string,
  options: { body?: unknown; auth?: string | null } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  const auth = options.auth === undefined ? basicAuth(sim) : options.auth;
  if (auth !== null) headers.authorization = auth;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(sim.url + pathAndQuery, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text === '' ? undefined : JSON.parse(text)) as T };
}

export const get = <T = any>(sim: Simulator, p: string, auth?: string | null) => send<T>(sim, 'GET', p, { auth });
export const post = <T = any>(sim: Simulator, p: string, body: unknown, auth?: string | null) => send<T>(sim, 'POST', p, { body, auth });

/** A Gong document (the OpenAPI spec, a recorded payload), from `test/fixtures/gong-api`. */
export { gongApiDoc as shared } from '../../support/gong-api-docs.js';

export const iso = (ms: number) => new Date(ms).toISOString();
