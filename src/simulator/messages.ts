/**
 * Gong's error texts. The first group is verbatim from live recordings (docs/gong-api.md §4.3, R1); the
 * rest follow the spec's response descriptions or, where Gong's words are unknown, say plainly
 * what was wrong while keeping the parts clients match on ("cursor has expired").
 */

/** docs/gong-api.md §4.3 (R1). */
export const NO_CALLS = 'No calls found corresponding to the provided filters';
/** docs/gong-api.md §4.3 (Nango's handling of /v2/users/extensive). */
export const NO_USERS = 'No users found corresponding to the provided filters';
/** docs/gong-api.md §4.3 (R1). @example callNotFound('894411314421502864') */
export const callNotFound = (id: string) => `Call ID ${id} was not found`;
/** docs/gong-api.md §1.4 (R1). @example missingScope('api:coaching:read') */
export const missingScope = (scope: string) => `You don't have permission to use '${scope}' in your app.`;
/** docs/gong-api.md §4.3 (R1). */
export const METHOD_NOT_ALLOWED = 'Method Not Allowed';
/** docs/gong-api.md §4.3 (R1, POST /v2/tasks on the sandbox). */
export const INTERNAL_ERROR = 'Internal server error occurred';

/** S1 response descriptions for 401/403 and 429. */
export const ACCESS_DENIED = 'Access denied';
export const RATE_LIMITED = 'API request limit exceeded';

/** Dust and Onyx match this text (docs/gong-api.md §2.2); the full wording is unverified. */
export const CURSOR_EXPIRED = 'cursor has expired';
export const CURSOR_INVALID = 'cursor: invalid value';
export const CURSOR_MISMATCH = 'cursor: does not belong to this request; repeat the original request with the cursor';
export const NOT_FOUND = 'Not Found';
export const MALFORMED_BODY = 'Malformed request: the body is not valid JSON';

/** S1 404 descriptions of the coaching endpoints (Gong's exact words are unverified). */
export const NO_ANSWERED_SCORECARDS = 'Answered scorecards not found';
export const NO_STATS = 'No stats found for the specified period';
export const NO_FOLDERS = 'No folders found for the specified period';
export const WORKSPACE_NOT_FOUND = 'Workspace not found';
/** @example folderNotFound('123') */
export const folderNotFound = (id: string) => `Folder ID ${id} was not found`;
