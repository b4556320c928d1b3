/**
 * Free-mail and ISP mailbox domains: an address on one of these says nothing about the company
 * its owner works for, so it never links a call by domain (docs/crm-linking.md, "Matching
 * rules", `email_domain`). It can still match a CRM contact's address exactly (`contact_email`).
 *
 * Maintained by hand: add a provider when `status` shows it among the top unmatched domains.
 * Subdomains of a listed domain count too (`mail.yahoo.co.uk`). Providers that run one domain per
 * country (`hotmail.*`, `yahoo.*`, `gmx.*`, `yandex.*`…) are listed by name and match under any
 * public suffix; a name is only listed that way when no well-known company uses it as its own
 * domain (Orange's staff mail from `orange.com`, so only the ISP's `orange.fr` is listed).
 */
import { registrableDomain } from './registrable-domain.js';

const EXACT = [
  // Google, Microsoft, Apple, Yahoo/AOL
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'passport.com',
  'windowslive.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com', 'aim.com', 'ymail.com', 'rocketmail.com',
  // Privacy-focused and independent providers
  'proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me', 'tutanota.com', 'tutanota.de', 'tuta.io', 'tutamail.com',
  'fastmail.com', 'fastmail.fm', 'hey.com', 'zoho.com', 'zohomail.com', 'hushmail.com', 'mailfence.com',
  'posteo.de', 'posteo.net', 'mailbox.org', 'runbox.com', 'disroot.org', 'riseup.net', 'duck.com',
  'mail.com', 'email.com', 'usa.com', 'inbox.com', 'lycos.com', 'rediffmail.com', 'excite.com',
  // Germany, Austria, Switzerland
  'web.de', 'gmx.net', 't-online.de', 'freenet.de', 'arcor.de', 'online.de', 'bluewin.ch', 'hispeed.ch', 'aon.at',
  // France, Italy, Spain, Benelux, Nordics, UK, Ireland
  'orange.fr', 'wanadoo.fr', 'free.fr', 'sfr.fr', 'laposte.net', 'neuf.fr', 'club-internet.fr',
  'libero.it', 'virgilio.it', 'tiscali.it', 'alice.it', 'tin.it', 'telefonica.net', 'terra.es',
  'telenet.be', 'skynet.be', 'ziggo.nl', 'kpnmail.nl', 'planet.nl', 'home.nl', 'online.no', 'telia.com',
  'btinternet.com', 'sky.com', 'virginmedia.com', 'talktalk.net', 'ntlworld.com', 'blueyonder.co.uk', 'eircom.net',
  // Eastern Europe, Russia, Turkey
  'mail.ru', 'bk.ru', 'inbox.ru', 'list.ru', 'internet.ru', 'rambler.ru', 'ya.ru', 'ukr.net', 'i.ua',
  'wp.pl', 'o2.pl', 'onet.pl', 'interia.pl', 'seznam.cz', 'centrum.cz', 'atlas.cz', 'abv.bg', 'mynet.com',
  // Asia, Latin America, Africa, Oceania
  'qq.com', 'foxmail.com', '163.com', '126.com', 'yeah.net', 'sina.com', 'sina.cn', 'sohu.com', 'aliyun.com',
  '139.com', 'naver.com', 'hanmail.net', 'daum.net', 'nate.com', 'yahoo.co.jp', 'nifty.com', 'docomo.ne.jp',
  'ezweb.ne.jp', 'softbank.ne.jp', 'i.softbank.jp', 'bol.com.br', 'uol.com.br', 'terra.com.br', 'ig.com.br',
  'prodigy.net.mx', 'bigpond.com', 'bigpond.net.au', 'optusnet.com.au', 'xtra.co.nz', 'rediff.com', 'sify.com',
  // North American ISPs
  'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net', 'bellsouth.net', 'charter.net', 'cox.net',
  'earthlink.net', 'juno.com', 'netzero.net', 'optonline.net', 'frontier.com', 'windstream.net', 'centurylink.net',
  'q.com', 'roadrunner.com', 'rr.com', 'twc.com', 'spectrum.net', 'shaw.ca', 'rogers.com', 'sympatico.ca',
  'bell.net', 'videotron.ca', 'telus.net',
] as const;

/** Providers with one domain per country: the label before the public suffix decides. */
const ANY_SUFFIX = ['hotmail', 'outlook', 'live', 'yahoo', 'gmx', 'yandex', 'msn', 'aol'] as const;

const EXACT_SET: ReadonlySet<string> = new Set(EXACT);
const ANY_SUFFIX_SET: ReadonlySet<string> = new Set(ANY_SUFFIX);

/** Every domain matched exactly, for documentation and tests. */
export const FREE_MAIL_DOMAINS: readonly string[] = EXACT;
/** Provider names matched under any public suffix (`yahoo` → `yahoo.fr`, `yahoo.co.uk`…). */
export const FREE_MAIL_PROVIDERS: readonly string[] = ANY_SUFFIX;

/**
 * Whether a normalised domain (lower case, no trailing dot) belongs to a free-mail or ISP
 * provider, including its subdomains (`mail.yahoo.co.uk`).
 *
 * @example isFreeMailDomain('hotmail.co.uk') // true
 * @example isFreeMailDomain('acme.com')      // false
 */
export function isFreeMailDomain(domain: string): boolean {
  if (EXACT_SET.has(domain)) return true;
  const base = registrableDomain(domain);
  if (EXACT_SET.has(base)) return true;
  const label = base.split('.')[0] ?? '';
  return ANY_SUFFIX_SET.has(label);
}
