/**
 * The key under which a contact's address and a participant's address are compared
 * (docs/crm-linking.md, "Matching rules", `contact_email`): case-insensitive and trimmed, with
 * sub-addresses folded so that `jane+gong@acme.com` is `jane@acme.com`. Gmail ignores dots in the
 * local part and treats `googlemail.com` as `gmail.com`, so for Gmail `j.a.n.e@googlemail.com` is
 * `jane@gmail.com`.
 *
 * Folding `+tag` for every domain is a deliberate simplification: nearly every provider that
 * accepts `+` delivers `a+b@` to `a@`, and a corporate address with a literal `+` that belongs
 * to someone else than `a@` is far rarer than a CRM holding `jane+crm@` for `jane@`.
 */
import { normalizeEmail } from './normalize-domain.js';

const GMAIL_DOMAINS: ReadonlySet<string> = new Set(['gmail.com', 'googlemail.com']);

/**
 * The comparison key of an email address, or `null` when it is not one.
 *
 * @example emailMatchKey('J.Doe+crm@GoogleMail.com') // 'jdoe@gmail.com'
 * @example emailMatchKey('jane+gong@acme.com')       // 'jane@acme.com'
 */
export function emailMatchKey(email: string | null | undefined): string | null {
  const normalized = normalizeEmail(email);
  return normalized === null ? null : matchKeyOfNormalized(normalized);
}

/**
 * `emailMatchKey` of an address already through `normalizeEmail` (the linker normalises each
 * participant address once and derives everything from that).
 *
 * @example matchKeyOfNormalized('j.doe+crm@googlemail.com') // 'jdoe@gmail.com'
 */
export function matchKeyOfNormalized(normalized: string): string | null {
  const at = normalized.lastIndexOf('@');
  let local = normalized.slice(0, at);
  let domain = normalized.slice(at + 1);
  const plus = local.indexOf('+');
  // `+tag` only: a local part that *starts* with `+` has nothing to fold onto.
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL_DOMAINS.has(domain)) {
    domain = 'gmail.com';
    local = local.replace(/\./g, '');
  }
  return local === '' ? null : `${local}@${domain}`;
}
