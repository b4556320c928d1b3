/**
 * Salesforce ids come in two spellings of one id: 15 case-sensitive characters (reports, the UI)
 * and 18 characters, the same 15 plus a 3-character checksum of their letter case (the API, Data
 * Loader, and Gong's CRM `context`).
 */
const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * The 3-character case checksum Salesforce appends to a 15-character id: each 5-character chunk
 * contributes one character encoding which of its letters are upper case.
 *
 * @example salesforceChecksum('001000000000001') // 'AAA'
 */
export function salesforceChecksum(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += CHECKSUM_ALPHABET[bits];
  }
  return suffix;
}

/**
 * The 18-character id for a 15-character one.
 *
 * @example salesforceId18('001000000000001') // '001000000000001AAA'
 */
export function salesforceId18(id15: string): string {
  return id15 + salesforceChecksum(id15);
}
