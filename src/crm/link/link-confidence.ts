/**
 * The confidence each kind of evidence gives a link (0..1), in one place so the rules, the docs
 * (docs/crm-linking.md) and the tests agree. Why these values:
 * - A rep's manual association in Gong is a person saying "this call is about that deal" (1.0);
 *   it outranks Gong's context at equal confidence, and its deal is the account's deal.
 * - Gong's own CRM context is what the rep or Gong's CRM sync attached to the call: as good as
 *   it gets (1.0).
 * - A participant whose address is a CRM contact's is almost always that contact at that
 *   account (0.95); the 0.05 is for shared inboxes and people who changed jobs. An address that
 *   is a contact at several accounts (a consultant, a duplicate) links each at 0.6.
 * - A company domain says "someone from that company was there" (0.8); via a parent domain
 *   (`eu.acme.com` → `acme.com`) slightly less (0.7), because a subdomain can be a separately
 *   run business. A domain several accounts share (a parent and its subsidiary) cannot say
 *   which one: each is linked at 0.5 rather than guessing (docs/crm-linking.md, the table).
 * - A deal inherits its account's confidence; chosen by the nearest close date among several
 *   open deals, with no participant on any of them, it is worth 0.9 of that.
 *
 * @example LINK_CONFIDENCE.emailDomainShared // 0.5
 */
export const LINK_CONFIDENCE = Object.freeze({
  gongManual: 1.0,
  gongContext: 1.0,
  contactEmail: 0.95,
  contactEmailSeveralAccounts: 0.6,
  emailDomain: 0.8,
  emailDomainParent: 0.7,
  emailDomainShared: 0.5,
  /** Factor for a deal chosen among several open ones by close date alone. */
  dealByCloseDate: 0.9,
});

export type LinkMethod = 'gong_manual' | 'gong_context' | 'contact_email' | 'email_domain';

/** When two pieces of evidence give one object the same confidence, the stronger kind names the method. */
export const METHOD_RANK: Readonly<Record<LinkMethod, number>> = Object.freeze({ gong_manual: 4, gong_context: 3, contact_email: 2, email_domain: 1 });

/**
 * Confidences are stored rounded to two decimals, so re-running `link` writes identical rows.
 *
 * @example roundConfidence(0.8 * 0.9) // 0.72
 */
export function roundConfidence(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}
