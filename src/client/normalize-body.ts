/**
 * Brings a parsed Gong body to the types in `src/gong/types.ts`: ids are strings even when Gong
 * sends numbers (docs/gong-api.md §2.3: the spec types some ids as int64, live data mixes both),
 * and numbers Gong sometimes sends as strings (scorecard ranges came back as `"1"`, `"5"`) are
 * numbers where a number is expected. Only known fields are touched; unknown fields pass through
 * untouched (docs/gong-api.md §2.1: Gong adds fields without warning), and nothing is ever
 * rejected.
 *
 * The body is modified in place: it is a fresh parse that nobody else holds.
 */

type Json = Record<string, unknown>;

/**
 * Normalises a response body of any endpoint this client reads; other bodies pass through.
 *
 * @example normalizeBody({ users: [{ id: 12, managerId: 7 }] }) // { users: [{ id: '12', managerId: '7' }] }
 */
export function normalizeBody<T>(body: T): T {
  if (!isObject(body)) return body;
  if (isObject(body.records)) normalizeRecords(body.records);
  eachObject(body.users, normalizeUser);
  if (isObject(body.user)) normalizeUser(body.user);
  eachObject(body.calls, (call) => (isObject(call.metaData) ? normalizeCall(call) : normalizeMetaData(call)));
  if (isObject(body.call)) normalizeMetaData(body.call);
  eachObject(body.callTranscripts, normalizeTranscript);
  eachObject(body.workspaces, (w) => idFields(w, 'id'));
  return body;
}

function normalizeRecords(records: Json): void {
  numberFields(records, 'totalRecords', 'currentPageSize', 'currentPageNumber');
  if (typeof records.cursor === 'number') records.cursor = String(records.cursor);
}

function normalizeUser(user: Json): void {
  idFields(user, 'id', 'managerId');
}

function normalizeMetaData(meta: Json): void {
  idFields(meta, 'id', 'primaryUserId', 'workspaceId');
  numberFields(meta, 'duration');
}

function normalizeCall(call: Json): void {
  normalizeMetaData(call.metaData as Json);
  eachObject(call.parties, (party) => idFields(party, 'id', 'userId', 'speakerId'));
  if (isObject(call.interaction)) eachObject(call.interaction.speakers, (s) => idFields(s, 'id', 'userId'));
}

function normalizeTranscript(transcript: Json): void {
  idFields(transcript, 'callId');
  eachObject(transcript.transcript, (monologue) => {
    idFields(monologue, 'speakerId');
    eachObject(monologue.sentences, (sentence) => numberFields(sentence, 'start', 'end'));
  });
}

/** An id sent as a JSON number becomes its decimal string; strings, null and absence stay. */
function idFields(object: Json, ...keys: string[]): void {
  for (const key of keys) {
    const value = object[key];
    if (typeof value === 'number' && Number.isFinite(value)) object[key] = String(value);
  }
}

const NUMERIC_TEXT = /^-?\d+(\.\d+)?$/;

/** A number sent as a numeric string becomes a number; anything else is left as Gong sent it. */
function numberFields(object: Json, ...keys: string[]): void {
  for (const key of keys) {
    const value = object[key];
    if (typeof value === 'string' && NUMERIC_TEXT.test(value)) object[key] = Number(value);
  }
}

function eachObject(list: unknown, visit: (item: Json) => void): void {
  if (!Array.isArray(list)) return;
  for (const item of list) if (isObject(item)) visit(item);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
