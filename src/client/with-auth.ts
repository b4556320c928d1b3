/**
 * The auth layer: adds `Authorization` to the copy of the request it hands down, right before
 * the transport, so each attempt asks a token provider afresh (a long Retry-After wait can
 * outlive an OAuth token) and no object above the wire ever holds the header value.
 *
 * It is also the one place that knows the exact credential text of an attempt, so it scrubs that
 * text from whatever error comes back up: a proxy or a broken server that echoes the bare token
 * or the decoded secret (not only `Basic …`, which `redact()` catches) must not get it into a
 * message, a log line or `sync_runs.error`.
 */
import { scrubExact } from '../errors.js';
import { authorizationHeader, type Credentials } from './credentials.js';
import type { Layer } from './request.js';

/** @example const send = withAuth(credentials)(transport); */
export function withAuth(credentials: Credentials): Layer {
  return (next) => async (request) => {
    const authorization = await authorizationHeader(credentials);
    try {
      return await next({ ...request, headers: { ...request.headers, Authorization: authorization }, credentialsSource: credentials.source });
    } catch (error) {
      throw scrubExact(error, secretTextsOf(authorization, credentials));
    }
  };
}

/** The header value, its token part, and for Basic the secret it encodes. */
function secretTextsOf(authorization: string, credentials: Credentials): string[] {
  const token = authorization.slice(authorization.indexOf(' ') + 1);
  const texts = [authorization, token];
  if (credentials.kind === 'basic') texts.push(`${credentials.accessKey}:${credentials.accessKeySecret}`, credentials.accessKeySecret);
  return texts;
}
