import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/**
 * Gong's official OpenAPI spec and the recorded payloads, as copied into the repository
 * (test/fixtures/gong-api, from `../shared/gong-api`): the tests must not depend on a directory
 * beside the clone, which a fresh CI machine may not have.
 */
export const GONG_API_DOCS = fileURLToPath(new URL('../fixtures/gong-api/', import.meta.url));

/** The shared original beside the repository, when this machine has it (for the drift check). */
export const SHARED_GONG_API_DOCS = [resolve(fileURLToPath(new URL('../../../shared/gong-api/', import.meta.url))), resolve(process.cwd(), '../shared/gong-api')].find((dir) =>
  existsSync(resolve(dir, 'openapi.json')),
);

/** A document's text, e.g. `fixtures/users-page.real.json` or `openapi.json`. */
export function gongApiDocText(relative: string): string {
  return readFileSync(resolve(GONG_API_DOCS, relative), 'utf8');
}

/** A JSON document, parsed. */
export function gongApiDoc<T = any>(relative: string): T {
  return JSON.parse(gongApiDocText(relative)) as T;
}
