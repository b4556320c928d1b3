/**
 * Domains and email addresses as the linker compares them: lower case, no trailing dot, no
 * `www.`, internationalised names in their ASCII (punycode) form, so that `https://www.Acme.com/x`,
 * `acme.com.` and `jane@ACME.COM` all say `acme.com`.
 */
import { domainToASCII } from 'node:url';
import { registrableDomain } from './registrable-domain.js';

/** A host label: letters, digits and inner hyphens (punycode labels included). */
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
/** A leading label that names a web server rather than the company: `www.`, `www2.`. */
const WEB_HOST_PREFIX = /^www\d*\./;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
/** An address with nothing to clean: one `@`, no spaces, separators, brackets or quotes, no `mailto:`. */
const PLAIN_ADDRESS = /^(?!mailto:)[^\s;,<>()"'@]+@[^\s;,<>()"'@]+$/i;
/** Hosts already parsed (`validHost`), bounded so that a huge run's memory stays flat. */
const hosts = new Map<string, string | null>();
const HOST_MEMO_LIMIT = 100_000;

/**
 * Website hosts that are not a company's own domain: a profile page on a social network or a
 * site on a shared host. An account whose `Website` is `linkedin.com/company/acme` must not
 * claim everyone who emails from `linkedin.com`, so such websites give no domain.
 */
export const NON_COMPANY_WEBSITE_DOMAINS: readonly string[] = [
  'linkedin.com', 'facebook.com', 'fb.com', 'twitter.com', 'x.com', 'instagram.com', 'youtube.com', 'tiktok.com',
  'github.com', 'gitlab.com', 'bitbucket.org', 'crunchbase.com', 'wikipedia.org', 'angel.co', 'wellfound.com',
  'google.com', 'goo.gl', 'bit.ly', 'linktr.ee', 'medium.com', 'substack.com', 'notion.site', 'wordpress.com',
  'blogspot.com', 'wixsite.com', 'wix.com', 'squarespace.com', 'weebly.com', 'godaddysites.com', 'myshopify.com',
  'webflow.io', 'carrd.co', 'yelp.com', 'glassdoor.com', 'indeed.com', 'amazonaws.com', 'herokuapp.com', 'vercel.app',
  'netlify.app', 'github.io', 'pages.dev',
];
const NON_COMPANY: ReadonlySet<string> = new Set(NON_COMPANY_WEBSITE_DOMAINS);

/**
 * A host name as typed (any case, trailing dot, Unicode, `www.` in front) → the normalised
 * domain, or `null` when it is not a usable domain name (no dot, bad characters, an IP address).
 *
 * @example normalizeDomain('WWW.Bücher.de.') // 'xn--bcher-kva.de'
 * @example normalizeDomain('localhost')      // null
 */
export function normalizeDomain(input: string | null | undefined): string | null {
  const host = validHost(input);
  if (host === null) return null;
  // `www.acme.com` is acme's web server, not a different company; `www.co.uk` stays as it is.
  const stripped = host.replace(WEB_HOST_PREFIX, '');
  return stripped.includes('.') ? stripped : host;
}

/**
 * The domain a CRM `Website` field points at: `https://www.acme.com/about` → `acme.com`,
 * `acme.com` → `acme.com`, `http://acme.com:8080` → `acme.com`. An email typed into the field
 * gives its domain. Profile pages and shared hosts (`NON_COMPANY_WEBSITE_DOMAINS`) give `null`.
 *
 * @example domainFromWebsite('https://www.acme.com/x') // 'acme.com'
 * @example domainFromWebsite('linkedin.com/company/acme') // null
 */
export function domainFromWebsite(website: string | null | undefined): string | null {
  if (website === null || website === undefined) return null;
  let text = website.trim();
  if (text === '') return null;
  if (/^mailto:/i.test(text) || /^[^/:@\s]+@[^/@\s]+$/.test(text)) return emailDomain(text.replace(/^mailto:/i, ''));
  if (text.startsWith('//')) text = `http:${text}`;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `http://${text}`;
  let host: string;
  try {
    host = new URL(text).hostname;
  } catch {
    return null;
  }
  const domain = normalizeDomain(host);
  if (domain === null) return null;
  return NON_COMPANY.has(registrableDomain(domain)) || NON_COMPANY.has(domain) ? null : domain;
}

/**
 * An email address as typed (`mailto:`, angle brackets, spaces, any case) → `local@domain` in
 * lower case with the domain normalised, or `null` when it is not an address. A field holding
 * several addresses (`a@x.com; b@x.com`) gives the first.
 *
 * @example normalizeEmail(' <Jane.Doe@ACME.com> ') // 'jane.doe@acme.com'
 */
export function normalizeEmail(input: string | null | undefined): string | null {
  if (input === null || input === undefined) return null;
  // Nearly every address is already plain (`jane@acme.com`): skip the cleaning for those.
  if (PLAIN_ADDRESS.test(input)) {
    const at = input.indexOf('@');
    const domain = validHost(input.slice(at + 1));
    return domain === null ? null : `${input.slice(0, at).toLowerCase()}@${domain}`;
  }
  let text = input.trim().replace(/^mailto:/i, '');
  const first = text.split(/[;,\s]+/).find((part) => part.includes('@'));
  if (first === undefined) return null;
  text = first.replace(/^[<("']+|[>)"']+$/g, '');
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return null;
  const local = text.slice(0, at).toLowerCase();
  if (/[\s@<>]/.test(local)) return null;
  // The domain part keeps a leading `www.`: mail is not a website.
  const domain = validHost(text.slice(at + 1));
  return domain === null ? null : `${local}@${domain}`;
}

/**
 * The normalised domain of an email address, or `null`.
 *
 * @example emailDomain('jane@EU.Acme.com') // 'eu.acme.com'
 */
export function emailDomain(email: string | null | undefined): string | null {
  const normalized = normalizeEmail(email);
  return normalized === null ? null : normalized.slice(normalized.lastIndexOf('@') + 1);
}

/**
 * Lower case, no trailing dot, punycode, and valid labels under an alphabetic top-level domain;
 * else null. Remembered per input: a link run sees the same few thousand domains in hundreds of
 * thousands of addresses.
 */
function validHost(input: string | null | undefined): string | null {
  if (input === null || input === undefined) return null;
  const known = hosts.get(input);
  if (known !== undefined) return known;
  const host = parseHost(input);
  if (hosts.size >= HOST_MEMO_LIMIT) hosts.clear();
  hosts.set(input, host);
  return host;
}

function parseHost(input: string): string | null {
  let host = input.trim().toLowerCase().replace(/\.+$/, '');
  if (host === '' || /\s/.test(host)) return null;
  if (/\P{ASCII}/u.test(host)) host = domainToASCII(host);
  if (host === '' || IPV4.test(host)) return null;
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  // A top-level domain is alphabetic (or punycode): `acme.123` is not a domain.
  if (!/^([a-z]{2,63}|xn--[a-z0-9-]+)$/.test(labels.at(-1)!)) return null;
  return host;
}
