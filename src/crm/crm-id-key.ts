/**
 * Salesforce ids come in two spellings of one id: 15 case-sensitive characters (reports and
 * the UI) and 18 characters, the same 15 plus a 3-character checksum of their letter case (the
 * API, Data Loader, and Gong's CRM `context`). A report export of contacts and Gong's context of
 * the same account therefore disagree unless ids are compared by their 15-character form.
 */
import { salesforceChecksum } from '../util/salesforce-id.js';

const SALESFORCE_18 = /^[a-zA-Z0-9]{18}$/;

/**
 * The key a CRM id is compared by: the 15-character form of an 18-character Salesforce id
 * whose checksum is right, any other id unchanged (HubSpot's numeric ids, 15-character ids).
 * Checking the checksum keeps an 18-digit id from another CRM from being cut short.
 *
 * @example crmIdKey('0018W00000Qz3kPQAR') // '0018W00000Qz3kP'
 * @example crmIdKey('0018W00000Qz3kP')    // '0018W00000Qz3kP'
 * @example crmIdKey('9012345678')         // '9012345678'
 */
export function crmIdKey(id: string): string {
  const trimmed = id.trim();
  if (!SALESFORCE_18.test(trimmed)) return trimmed;
  const id15 = trimmed.slice(0, 15);
  return salesforceChecksum(id15) === trimmed.slice(15).toUpperCase() ? id15 : trimmed;
}

