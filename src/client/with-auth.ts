/**
 * The auth layer: adds `Authorization` to the copy of the request it hands down, right before
 * the transport, so each attempt asks a token provider afresh (a long Retry-After wait can
 * outlive an OAuth token) and no object above the wire ever holds the header value.
 */
import { authorizationHeader, type Credentials } from './credentials.js';
import type { Layer } from './request.js';

/** @example const send = withAuth(credentials)(transport); */
export function withAuth(credentials: Credentials): Layer {
  return (next) => async (request) =>
    next({ ...request, headers: { ...request.headers, Authorization: await authorizationHeader(credentials) } });
}
