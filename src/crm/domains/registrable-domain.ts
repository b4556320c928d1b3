/**
 * The registrable domain of a host name (`eu.acme.co.uk` → `acme.co.uk`): the part a company
 * buys, below which its subdomains live. Used to walk from an email's domain up to the account's
 * (docs/crm-linking.md, "Matching rules": `eu.acme.com` → `acme.com`) without ever walking onto a
 * public suffix such as `co.uk`, which would link every British company to every other.
 *
 * The full Public Suffix List has ~9,000 rules and changes weekly; linking only needs the
 * multi-label suffixes under which companies commonly register, so this is a small maintained
 * list. A suffix missing here makes `acme.com.xx` resolve to `com.xx`: the parent walk then stops
 * one level too high, and since no account's domain is `com.xx` nothing is linked wrongly; add
 * the suffix and re-run `link`.
 */
export const MULTI_LABEL_SUFFIXES: readonly string[] = [
  // United Kingdom, Ireland, Channel Islands
  'co.uk', 'org.uk', 'me.uk', 'ltd.uk', 'plc.uk', 'net.uk', 'ac.uk', 'gov.uk', 'nhs.uk', 'sch.uk', 'co.im', 'co.je', 'co.gg',
  // Oceania
  'com.au', 'net.au', 'org.au', 'edu.au', 'gov.au', 'asn.au', 'id.au', 'co.nz', 'net.nz', 'org.nz', 'govt.nz', 'ac.nz', 'com.fj',
  // Asia
  'co.jp', 'ne.jp', 'or.jp', 'ac.jp', 'go.jp', 'co.kr', 'or.kr', 'ne.kr', 'ac.kr', 'com.cn', 'net.cn', 'org.cn', 'gov.cn',
  'edu.cn', 'com.hk', 'org.hk', 'net.hk', 'com.tw', 'org.tw', 'net.tw', 'com.sg', 'edu.sg', 'gov.sg', 'com.my', 'net.my',
  'org.my', 'com.ph', 'com.vn', 'co.th', 'ac.th', 'in.th', 'co.id', 'or.id', 'ac.id', 'co.in', 'net.in', 'org.in', 'firm.in',
  'gen.in', 'ind.in', 'ac.in', 'com.pk', 'com.bd', 'com.lk', 'com.np',
  // Middle East, Africa
  'co.il', 'org.il', 'ac.il', 'com.tr', 'net.tr', 'org.tr', 'com.sa', 'com.ae', 'com.qa', 'com.kw', 'com.bh', 'com.om',
  'com.eg', 'co.za', 'org.za', 'net.za', 'ac.za', 'co.ke', 'co.tz', 'co.ug', 'com.ng', 'com.gh', 'co.ma',
  // Americas
  'com.br', 'net.br', 'org.br', 'gov.br', 'com.mx', 'org.mx', 'gob.mx', 'com.ar', 'org.ar', 'com.co', 'org.co', 'com.pe',
  'com.ve', 'com.ec', 'com.uy', 'com.py', 'com.bo', 'co.cr', 'com.do', 'com.gt', 'com.pa', 'com.sv', 'com.pr',
  // Europe
  'com.pl', 'net.pl', 'org.pl', 'com.ua', 'org.ua', 'com.ru', 'com.gr', 'com.cy', 'com.mt', 'co.hu', 'com.pt', 'com.es',
  'com.ro', 'co.at', 'or.at', 'ac.at',
];

const SUFFIXES: ReadonlySet<string> = new Set(MULTI_LABEL_SUFFIXES);

/**
 * The registrable domain of a normalised host name: the last two labels, or three under a
 * multi-label public suffix. A name that is itself a suffix, or a single label, is returned as is.
 *
 * @example registrableDomain('eu.acme.com')   // 'acme.com'
 * @example registrableDomain('shop.acme.co.uk') // 'acme.co.uk'
 */
export function registrableDomain(domain: string): string {
  const labels = domain.split('.');
  if (labels.length <= 2) return domain;
  const lastTwo = labels.slice(-2).join('.');
  return SUFFIXES.has(lastTwo) ? labels.slice(-3).join('.') : lastTwo;
}

/**
 * The domain and each parent up to (and including) its registrable domain, most specific first:
 * the order in which an email's domain is looked up among accounts' domains.
 *
 * @example domainAndParents('a.eu.acme.co.uk') // ['a.eu.acme.co.uk', 'eu.acme.co.uk', 'acme.co.uk']
 */
export function domainAndParents(domain: string): string[] {
  const stop = registrableDomain(domain);
  const out = [domain];
  let current = domain;
  while (current !== stop && current.includes('.')) {
    current = current.slice(current.indexOf('.') + 1);
    out.push(current);
  }
  return out;
}

/**
 * Whether `domain` is itself a public suffix this module knows (`co.uk`), or a bare top-level
 * domain: never a company's domain.
 *
 * @example isPublicSuffix('co.uk') // true
 */
export function isPublicSuffix(domain: string): boolean {
  return SUFFIXES.has(domain) || !domain.includes('.');
}
