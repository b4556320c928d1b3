/** Timestamps read back from either engine, as UTC ISO text ending in `Z`. */
export function normalizeTime(value: string | Date): string {
  return value instanceof Date ? value.toISOString() : value;
}
