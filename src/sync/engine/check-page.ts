/**
 * The boundary: every record of a page is checked against its stream's shape before the engine
 * reads a field of it (positions, ids, rows). One record that breaks it fails the page with the
 * check's `GongProtocolError`, so nothing of that page is stored.
 */
import type { AnyStream } from './stream-definition.js';

export function checkPage(stream: AnyStream, records: readonly unknown[]): void {
  const check = stream.check;
  if (!check) return;
  for (const record of records) check(record);
}
