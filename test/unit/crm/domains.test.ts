import { describe, expect, it } from 'vitest';
import { crmIdKey } from '../../../src/crm/crm-id-key.js';
import { emailMatchKey } from '../../../src/crm/domains/email-match-key.js';
import { FREE_MAIL_DOMAINS, isFreeMailDomain } from '../../../src/crm/domains/free-mail-domains.js';
import { domainFromWebsite, emailDomain, normalizeDomain, normalizeEmail } from '../../../src/crm/domains/normalize-domain.js';
import { domainAndParents, isPublicSuffix, registrableDomain } from '../../../src/crm/domains/registrable-domain.js';

describe('normalizeDomain', () => {
  it.each([
    ['acme.com', 'acme.com'],
    ['  ACME.Com  ', 'acme.com'],
    ['acme.com.', 'acme.com'],
    ['www.acme.com', 'acme.com'],
    ['www2.acme.co.uk', 'acme.co.uk'],
    ['Bücher.de', 'xn--bcher-kva.de'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de'],
    ['eu.acme.com', 'eu.acme.com'],
    // `www.` is only dropped while a domain remains.
    ['www.com', 'www.com'],
  ])('%s → %s', (input, expected) => expect(normalizeDomain(input)).toBe(expected));

  it.each(['', 'localhost', 'acme', '10.0.0.1', 'acme..com', 'ac me.com', '-acme.com', 'acme.123', null, undefined])('refuses %j', (input) => {
    expect(normalizeDomain(input as string)).toBeNull();
  });
});

describe('domainFromWebsite', () => {
  it.each([
    ['https://www.acme.com/x', 'acme.com'],
    ['https://www.acme.example/', 'acme.example'],
    ['http://acme.example/about', 'acme.example'],
    ['acme.example', 'acme.example'],
    ['www.acme.example', 'acme.example'],
    ['HTTP://ACME.COM:8080/path?q=1#top', 'acme.com'],
    ['//acme.com/x', 'acme.com'],
    ['https://shop.acme.com', 'shop.acme.com'],
    ['https://bücher.de/', 'xn--bcher-kva.de'],
    ['info@acme.com', 'acme.com'],
    ['mailto:info@acme.com', 'acme.com'],
  ])('%s → %s', (input, expected) => expect(domainFromWebsite(input)).toBe(expected));

  it.each(['', 'n/a', 'https://', 'linkedin.com/company/acme', 'https://www.facebook.com/acme', 'acme.myshopify.com', 'https://sites.google.com/view/acme', 'http://192.168.0.1/'])(
    'gives no company domain for %j',
    (input) => expect(domainFromWebsite(input)).toBeNull(),
  );
});

describe('emails', () => {
  it('normalises addresses as typed', () => {
    expect(normalizeEmail(' <Jane.Doe@ACME.com> ')).toBe('jane.doe@acme.com');
    expect(normalizeEmail('mailto:jane@acme.com')).toBe('jane@acme.com');
    expect(normalizeEmail('jane@acme.com; joe@acme.com')).toBe('jane@acme.com');
    expect(normalizeEmail('jane@Bücher.de')).toBe('jane@xn--bcher-kva.de');
    expect(normalizeEmail('jane@www.acme.com')).toBe('jane@www.acme.com');
    for (const bad of ['', 'jane', 'jane@', '@acme.com', 'jane@localhost', 'jane@acme']) expect(normalizeEmail(bad)).toBeNull();
  });

  it('takes the domain of an address', () => {
    expect(emailDomain('jane@EU.Acme.com')).toBe('eu.acme.com');
    expect(emailDomain('not an address')).toBeNull();
  });

  it('folds +tags for every domain, and dots and googlemail for Gmail', () => {
    expect(emailMatchKey('jane+gong@acme.com')).toBe('jane@acme.com');
    expect(emailMatchKey('Jane@ACME.com')).toBe('jane@acme.com');
    expect(emailMatchKey('j.a.n.e@acme.com')).toBe('j.a.n.e@acme.com');
    expect(emailMatchKey('J.Doe+crm@GoogleMail.com')).toBe('jdoe@gmail.com');
    expect(emailMatchKey('jdoe@gmail.com')).toBe(emailMatchKey('j.doe+x@googlemail.com'));
    expect(emailMatchKey('+tag@acme.com')).toBe('+tag@acme.com');
    expect(emailMatchKey('nope')).toBeNull();
  });
});

describe('registrable domains', () => {
  it.each([
    ['acme.com', 'acme.com'],
    ['eu.acme.com', 'acme.com'],
    ['a.b.acme.com', 'acme.com'],
    ['acme.co.uk', 'acme.co.uk'],
    ['shop.acme.co.uk', 'acme.co.uk'],
    ['mail.acme.com.au', 'acme.com.au'],
    ['acme.co.jp', 'acme.co.jp'],
    ['co.uk', 'co.uk'],
  ])('%s → %s', (input, expected) => expect(registrableDomain(input)).toBe(expected));

  it('walks from a domain up to its registrable domain, never onto a public suffix', () => {
    expect(domainAndParents('a.eu.acme.co.uk')).toEqual(['a.eu.acme.co.uk', 'eu.acme.co.uk', 'acme.co.uk']);
    expect(domainAndParents('eu.acme.com')).toEqual(['eu.acme.com', 'acme.com']);
    expect(domainAndParents('acme.com')).toEqual(['acme.com']);
    expect(isPublicSuffix('co.uk')).toBe(true);
    expect(isPublicSuffix('acme.co.uk')).toBe(false);
  });
});

describe('free-mail domains', () => {
  it.each(['gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'hotmail.fr', 'live.com', 'msn.com', 'yahoo.com', 'yahoo.co.jp', 'yahoo.fr', 'icloud.com', 'me.com', 'aol.com', 'proton.me', 'protonmail.com', 'gmx.de', 'gmx.net', 'web.de', 'mail.ru', 'yandex.ru', 'qq.com', '163.com', 'comcast.net', 'verizon.net', 'att.net', 'mail.yahoo.co.uk'])(
    '%s is free mail',
    (domain) => expect(isFreeMailDomain(domain)).toBe(true),
  );

  it.each(['acme.com', 'orange.com', 'northwind.example', 'gmail-partners.com', 'live-events.co.uk'])('%s is not', (domain) => {
    expect(isFreeMailDomain(domain)).toBe(false);
  });

  it('lists only normalised domains', () => {
    for (const d of FREE_MAIL_DOMAINS) expect(normalizeDomain(d)).toBe(d);
  });
});

describe('crmIdKey', () => {
  it('compares 18-character Salesforce ids by their 15-character form when the checksum is right', () => {
    expect(crmIdKey('0018W00000Qz3kPQAR')).toBe('0018W00000Qz3kP');
    expect(crmIdKey('0018W00000Qz3kPqar')).toBe('0018W00000Qz3kP');
    expect(crmIdKey('0018W00000Qz3kP')).toBe('0018W00000Qz3kP');
  });

  it('leaves other ids alone', () => {
    expect(crmIdKey('0018W00000Qz3kPAAA')).toBe('0018W00000Qz3kPAAA');
    expect(crmIdKey('123456789012345678')).toBe('123456789012345678');
    expect(crmIdKey(' 9012345678 ')).toBe('9012345678');
  });
});
