import { beforeAll, describe, expect, it } from 'vitest';
import { FREE_MAIL_DOMAINS, FUTURE_MS, generateCompany, HISTORY_MS, type Company } from '../../../src/simulator/index.js';
import { salesforceId18 } from '../../../src/util/salesforce-id.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const GONG_ID = /^[1-9]\d{16,18}$/;
const sfId = (prefix: string) => new RegExp(`^${prefix}[0-9A-Za-z]{12}[A-Z0-5]{3}$`);

describe('generateCompany determinism', () => {
  it('gives the identical company for the same seed, and a different one for another seed', () => {
    const a = JSON.stringify(generateCompany({ seed: 11, calls: 300, now: NOW }));
    const b = JSON.stringify(generateCompany({ seed: 11, calls: 300, now: NOW }));
    const c = JSON.stringify(generateCompany({ seed: 12, calls: 300, now: NOW }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('regenerates the same parties and transcripts on demand', () => {
    const a = generateCompany({ seed: 3, calls: 200, now: NOW });
    const b = generateCompany({ seed: 3, calls: 200, now: NOW });
    const call = a.calls.find((c) => c.transcriptReadyAt !== null)!;
    expect(a.cast(call)).toEqual(b.cast(b.callById(call.id)!));
    expect(a.transcript(call.id)).toEqual(b.transcript(call.id));
  });

  it('prepares every transcript up front, identical to the ones made on demand', () => {
    const lazy = generateCompany({ seed: 3, calls: 200, now: NOW });
    const prepared = generateCompany({ seed: 3, calls: 200, now: NOW });
    prepared.prepare();
    const withTranscripts = lazy.calls.filter((c) => c.transcriptReadyAt !== null);
    expect(withTranscripts.length).toBeGreaterThan(100);
    for (const call of withTranscripts) expect(prepared.transcript(call.id)).toEqual(lazy.transcript(call.id));
  });

  // How fast is bench/simulator-company.mjs's business: a time limit here only measured the load.
  it('generates 50,000 calls with unique ids and a bounded cast', () => {
    const big = generateCompany({ seed: 1, calls: 50_000, now: NOW });
    expect(big.calls).toHaveLength(50_000);
    expect(big.users.length).toBeLessThanOrEqual(120);
    expect(new Set(big.calls.map((c) => c.id)).size).toBe(50_000);
  });
});

describe('company invariants', () => {
  let company: Company;
  beforeAll(() => {
    company = generateCompany({ seed: 1, calls: 2000, now: NOW });
  });

  it('has unique ids of the right formats', () => {
    const gongIds = [...company.users.map((u) => u.id), ...company.calls.map((c) => c.id), ...company.workspaces.map((w) => w.id), ...company.trackers.map((t) => t.id)];
    expect(new Set(gongIds).size).toBe(gongIds.length);
    for (const id of gongIds) expect(id).toMatch(GONG_ID);
    const lengths = new Set(company.calls.map((c) => c.id.length));
    expect(lengths).toEqual(new Set([17, 18, 19]));
    const sf = [...company.crm.accounts.map((a) => a.id), ...company.crm.contacts.map((c) => c.id), ...company.crm.deals.map((d) => d.id), ...company.users.map((u) => u.crmUserId)];
    expect(new Set(sf).size).toBe(sf.length);
    for (const a of company.crm.accounts) expect(a.id).toMatch(sfId('001'));
    for (const c of company.crm.contacts) expect(c.id).toMatch(sfId('003'));
    for (const d of company.crm.deals) expect(d.id).toMatch(sfId('006'));
    for (const id of sf) expect(salesforceId18(id.slice(0, 15))).toBe(id);
  });

  it('has a sales org: 40–120 users, managers that exist, a few inactive, company email domains', () => {
    expect(company.users.length).toBeGreaterThanOrEqual(40);
    expect(company.users.length).toBeLessThanOrEqual(120);
    const ids = new Set(company.users.map((u) => u.id));
    for (const u of company.users) {
      if (u.managerId !== null) expect(ids.has(u.managerId)).toBe(true);
      expect(u.emailAddress.endsWith(`@${company.domains.primary}`)).toBe(true);
      for (const alias of u.emailAliases) expect(alias.endsWith(`@${company.domains.alias}`)).toBe(true);
      expect(u.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}-04:00$/);
    }
    const roles = new Set(company.users.map((u) => u.role));
    for (const role of ['AE', 'SDR', 'SE', 'CSM', 'Manager', 'Executive'] as const) expect(roles.has(role)).toBe(true);
    expect(company.users.some((u) => !u.active && u.deactivatedMs !== null)).toBe(true);
    expect(company.users.filter((u) => u.managerId !== null).length).toBeGreaterThan(company.users.length / 2);
  });

  it('spreads calls over six months before now plus a week of calendar after it, sorted by start', () => {
    const calls = company.calls;
    for (let i = 1; i < calls.length; i++) expect(calls[i]!.startedMs).toBeGreaterThanOrEqual(calls[i - 1]!.startedMs);
    expect(calls[0]!.startedMs).toBeGreaterThanOrEqual(NOW - HISTORY_MS - 10 * 60_000);
    expect(calls[0]!.startedMs).toBeLessThan(NOW - HISTORY_MS + 7 * 86_400_000);
    expect(calls.at(-1)!.startedMs).toBeLessThanOrEqual(NOW + FUTURE_MS + 10 * 60_000);
    const future = calls.filter((c) => c.startedMs > NOW).length;
    expect(future).toBeGreaterThan(20);
    expect(future).toBeLessThan(calls.length * 0.1);
    calls.forEach((c, i) => expect(c.index).toBe(i));
  });

  it('keeps cross-references whole', () => {
    const workspaces = new Set(company.workspaces.map((w) => w.id));
    for (const call of company.calls) {
      const host = company.userById(call.primaryUserId)!;
      expect(host).toBeDefined();
      expect(host.createdMs).toBeLessThanOrEqual(call.scheduledMs);
      if (host.deactivatedMs !== null) expect(call.scheduledMs).toBeLessThan(host.deactivatedMs);
      expect(call.userIds[0]).toBe(call.primaryUserId);
      for (const id of call.userIds) expect(company.userById(id)).toBeDefined();
      for (const p of call.personIndexes) expect(company.people[p]).toBeDefined();
      expect(workspaces.has(call.workspaceId)).toBe(true);
      if (call.accountId) expect(company.accountById(call.accountId)).toBeDefined();
      if (call.dealId) {
        const deal = company.dealById(call.dealId)!;
        expect(deal.accountId).toBe(call.accountId);
        expect(deal.createdMs).toBeLessThanOrEqual(call.startedMs);
        expect(call.startedMs).toBeLessThan(deal.closeMs);
      }
      const end = call.startedMs + call.durationSec * 1000;
      expect(call.visibleAt).toBeGreaterThan(end);
      if (call.transcriptReadyAt !== null) expect(call.transcriptReadyAt).toBeGreaterThan(end);
    }
    for (const c of company.crm.contacts) expect(company.accountById(c.accountId)).toBeDefined();
    for (const d of company.crm.deals) {
      expect(company.accountById(d.accountId)).toBeDefined();
      for (const id of d.contactIds) expect(company.contactById(id)!.accountId).toBe(d.accountId);
      expect(d.isClosed).toBe(d.closeMs <= NOW);
      expect(d.stage).toBe(company.stageAt(d, NOW));
      expect(['Closed Won', 'Closed Lost'].includes(d.stage)).toBe(d.isClosed);
      expect(d.isWon).toBe(d.stage === 'Closed Won');
      expect(d.closeDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('has the docs/gong-api.md §5/§6 mix: private, imported, late, slow and missing transcripts, calls turning private', () => {
    const n = company.calls.length;
    const share = (pred: (c: Company['calls'][number]) => boolean) => company.calls.filter(pred).length / n;
    expect(share((c) => c.isPrivate)).toBeCloseTo(0.03, 2);
    expect(share((c) => c.imported)).toBeCloseTo(0.02, 2);
    expect(share((c) => c.visibleAt - (c.startedMs + c.durationSec * 1000) > 2 * 3_600_000 - 1)).toBeCloseTo(0.05, 2);
    expect(share((c) => c.transcriptReadyAt !== null && c.transcriptReadyAt - (c.startedMs + c.durationSec * 1000) >= 86_400_000)).toBeCloseTo(0.03, 2);
    const never = share((c) => c.transcriptReadyAt === null);
    expect(never).toBeGreaterThan(0.003);
    expect(never).toBeLessThan(0.03);
    expect(company.calls.some((c) => c.becomesPrivateAt !== null && c.becomesPrivateAt > NOW && c.visibleAt <= NOW)).toBe(true);
    // Some calls started before now but arrive later, so a test can watch them appear.
    expect(company.calls.some((c) => c.startedMs < NOW && c.visibleAt > NOW + 3_600_000)).toBe(true);
    expect(company.calls.some((c) => c.visibleAt <= NOW && c.transcriptReadyAt !== null && c.transcriptReadyAt > NOW)).toBe(true);
    expect(new Set(company.calls.map((c) => c.kind))).toEqual(new Set(['external', 'dialer', 'internal', 'imported']));
    expect(company.calls.filter((c) => c.language === 'eng').length / n).toBeGreaterThan(0.9);
    expect(new Set(company.calls.map((c) => c.language))).toEqual(new Set(['eng', 'fre', 'spa', 'zxx']));
    expect(company.calls.some((c) => c.durationSec > 3 * 3600)).toBe(true);
  });

  it('flags every CRM-linking trap', () => {
    const { accounts, contacts } = company.crm;
    const hasFlag = (flag: string) => accounts.filter((a) => (a.flags as string[]).includes(flag));
    expect(hasFlag('website-www').length).toBeGreaterThan(0);
    expect(hasFlag('website-path').length).toBeGreaterThan(0);
    expect(hasFlag('website-bare').length).toBeGreaterThan(0);
    expect(hasFlag('subdomain-emails').length).toBeGreaterThan(0);
    expect(hasFlag('sequential-deals').length).toBeGreaterThan(1);
    for (const a of accounts) {
      const site = a.website.replace(/^https?:\/\//, '').replace(/^www\./, '').split('/')[0];
      expect(site).toBe(a.domain);
    }
    // Parent and subsidiary on one domain.
    const shared = hasFlag('shared-domain');
    const subsidiaries = shared.filter((a) => a.parentAccountId !== null);
    expect(subsidiaries.length).toBeGreaterThan(0);
    for (const s of subsidiaries) expect(company.accountById(s.parentAccountId!)!.domain).toBe(s.domain);
    // Contacts on free mail, on another domain, on a subdomain.
    const accountOf = (c: { accountId: string }) => company.accountById(c.accountId)!;
    const freeMail = contacts.filter((c) => c.flags.includes('free-mail'));
    expect(freeMail.length).toBeGreaterThan(0);
    for (const c of freeMail) expect(FREE_MAIL_DOMAINS).toContain(c.email.split('@')[1]);
    const differs = contacts.filter((c) => c.flags.includes('email-domain-differs'));
    expect(differs.length).toBeGreaterThan(0);
    for (const c of differs) expect(c.email.endsWith(accountOf(c).domain)).toBe(false);
    const sub = contacts.filter((c) => c.flags.includes('subdomain-email'));
    expect(sub.length).toBeGreaterThan(0);
    for (const c of sub) expect(c.email).toMatch(new RegExp(`@[a-z]+\\.${accountOf(c).domain.replace(/\./g, '\\.')}$`));
    // People at an account's domain who are not contacts, and domains not in the CRM at all.
    const strangers = company.people.filter((p) => p.flags.includes('not-a-contact') && !p.flags.includes('free-mail'));
    expect(strangers.length).toBeGreaterThan(0);
    for (const p of strangers) {
      expect(p.contactId).toBeNull();
      expect(p.email.endsWith(company.accountById(p.accountId!)!.domain)).toBe(true);
    }
    expect(company.people.some((p) => p.flags.includes('not-a-contact') && p.flags.includes('subdomain-email'))).toBe(true);
    const crmDomains = new Set(accounts.map((a) => a.domain));
    const unknown = company.people.filter((p) => p.flags.includes('unknown-domain'));
    expect(unknown.length).toBeGreaterThan(0);
    for (const p of unknown) expect(crmDomains.has(p.email.split('@')[1]!)).toBe(false);
    // Calls show each trap, with the right answer next to it.
    const cases = new Set(company.calls.flatMap((c) => c.hardCases));
    for (const hc of ['subdomain-email', 'free-mail', 'shared-domain', 'email-domain-differs', 'not-a-contact', 'unknown-domain', 'between-deals', 'context-account-only', 'context-none'] as const) {
      expect(cases.has(hc)).toBe(true);
    }
    for (const call of company.calls.filter((c) => c.hardCases.includes('between-deals'))) {
      expect(call.dealId).toBeNull();
      const deals = company.crm.deals.filter((d) => d.accountId === call.accountId);
      expect(deals.some((d) => d.closeMs <= call.startedMs)).toBe(true);
      expect(deals.some((d) => d.createdMs > call.startedMs)).toBe(true);
      expect(deals.every((d) => !(d.createdMs <= call.startedMs && call.startedMs < d.closeMs))).toBe(true);
    }
    for (const call of company.calls.filter((c) => c.hardCases.includes('unknown-domain'))) {
      expect(call.accountId).toBeNull();
      expect(call.unknownCompany).not.toBeNull();
    }
  });
});

describe('parties and transcripts', () => {
  let company: Company;
  beforeAll(() => {
    company = generateCompany({ seed: 2, calls: 1500, now: NOW });
  });

  it('builds parties whose ids and speaker ids are unique per call and whose users exist', () => {
    for (const call of company.calls) {
      const { members } = company.cast(call);
      expect(new Set(members.map((m) => m.partyId)).size).toBe(members.length);
      const speakerIds = members.map((m) => m.speakerId).filter((s) => s !== null);
      expect(new Set(speakerIds).size).toBe(speakerIds.length);
      expect(members[0]!.userId).toBe(call.primaryUserId);
      expect(members[0]!.speakerId).not.toBeNull();
      for (const m of members) {
        if (m.affiliation === 'Internal') expect(company.userById(m.userId!)).toBeDefined();
        else expect(m.userId).toBeUndefined();
      }
    }
    // Parties Gong knows little about: keys absent, never null.
    const all = company.calls.flatMap((c) => company.cast(c).members);
    expect(all.some((m) => m.emailAddress === undefined && m.name === undefined && m.title === undefined && m.phoneNumber === undefined)).toBe(true);
    expect(all.some((m) => m.speakerId === null)).toBe(true);
    expect(all.some((m) => m.affiliation === 'Unknown')).toBe(true);
  });

  it('makes transcripts consistent with the call: increasing stamps within the duration, speakers from the parties', () => {
    let monologues = 0, matched = 0, nullSpeakers = 0, strangers = 0, nullTopics = 0, sentences = 0, transcripts = 0;
    let pastAnHour = false;
    const problems: string[] = [];
    for (const call of company.calls) {
      const truth = company.transcript(call.id);
      if (call.transcriptReadyAt === null) {
        expect(truth).toBeUndefined();
        continue;
      }
      transcripts++;
      const speakerIds = new Set(company.cast(call).members.map((m) => m.speakerId).filter((s) => s !== null));
      let last = -1;
      for (const m of truth!.monologues) {
        monologues++;
        if (m.speakerId === null) nullSpeakers++;
        else if (speakerIds.has(m.speakerId)) matched++;
        else strangers++;
        if (m.topic === null) nullTopics++;
        if (m.sentences.length === 0) problems.push(`${call.id}: empty monologue`);
        for (const s of m.sentences) {
          sentences++;
          // Plain checks, one expect at the end: 400,000 sentences are too many for expect().
          if (!(s.start > last && s.end > s.start && s.end <= call.durationSec * 1000 && Number.isInteger(s.start) && Number.isInteger(s.end))) {
            problems.push(`${call.id}: sentence ${JSON.stringify(s)} after ${last}`);
          }
          last = s.end;
          if (s.start > 3_600_000) pastAnHour = true;
        }
      }
    }
    expect(problems).toEqual([]);
    expect(matched / monologues).toBeGreaterThan(0.95);
    expect(nullSpeakers).toBeGreaterThan(0);
    expect(strangers).toBeGreaterThan(0);
    expect(nullTopics).toBeGreaterThan(0);
    expect(pastAnHour).toBe(true);
    const average = sentences / transcripts;
    expect(average).toBeGreaterThan(100);
    expect(average).toBeLessThan(300);
  });

  it('records where key phrases are said, and they are there', () => {
    const security = company.calls.find((c) => c.agenda === 'security' && c.language === 'eng' && c.transcriptReadyAt !== null)!;
    const truth = company.transcript(security.id)!;
    const phrases = new Set(truth.mentions.map((m) => m.phrase));
    expect(phrases.has('SOC 2')).toBe(true);
    expect(phrases.has('single sign-on')).toBe(true);
    for (const m of truth.mentions) {
      const monologue = truth.monologues[m.monologueIndex]!;
      expect(monologue.sentences[m.sentenceIndex]!.text.toLowerCase()).toContain(m.phrase.toLowerCase());
      expect(monologue.sentences[m.sentenceIndex]!.start).toBe(m.start);
      expect(monologue.speakerId).toBe(m.speakerId);
    }
    const pricing = company.calls.find((c) => c.agenda === 'pricing' && c.language === 'eng' && c.transcriptReadyAt !== null && c.durationSec > 900)!;
    const pricingPhrases = new Set(company.transcript(pricing.id)!.mentions.map((m) => m.phrase));
    for (const p of ['pricing', 'per seat', 'discount', 'annual contract']) expect(pricingPhrases.has(p)).toBe(true);
    let rival: ReturnType<Company['transcript']>;
    for (const c of company.calls) {
      rival = c.language === 'eng' ? company.transcript(c.id) : undefined;
      if (rival?.phases.some((p) => p.key === 'competition')) break;
    }
    expect(rival!.mentions.some((m) => m.phrase === rival!.competitors[0])).toBe(true);
    expect(rival!.mentions.some((m) => m.phrase === rival!.competitors[1])).toBe(true);
  });

  it('writes French and Spanish calls in their language', () => {
    const text = (language: string) => {
      const call = company.calls.find((c) => c.language === language && c.transcriptReadyAt !== null)!;
      return company.transcript(call.id)!.monologues.flatMap((m) => m.sentences.map((s) => s.text)).join(' ');
    };
    expect(text('fre')).toMatch(/Bonjour|merci|Très bien|D'accord|Je comprends/);
    expect(text('spa')).toMatch(/Hola|gracias|Muy bien|De acuerdo|Entiendo/);
  });
});
