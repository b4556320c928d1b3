/**
 * The company's Gong users: a sales org with a VP, first-line managers and reps (AE, SDR, SE,
 * CSM), plus RevOps and marketing seats. `managerId` always points at another user; a few reps
 * have left (`active: false`) and host no calls after they did.
 */
import { formatInstant } from '../company-time.js';
import type { UniqueIds } from '../ids.js';
import type { Prng } from '../prng.js';
import { FIRST_NAMES, LAST_NAMES } from './names.js';
import type { CompanyUser, SalesRole, Workspace } from './types.js';
import { DAY } from '../../util/time.js';

export interface UsersInput {
  rng: Prng;
  ids: UniqueIds;
  now: number;
  offsetMinutes: number;
  count: number;
  primaryDomain: string;
  aliasDomain: string;
  workspaces: Workspace[];
}

const REP_TITLES: Record<SalesRole, readonly string[]> = {
  Executive: ['VP of Sales'],
  Manager: ['Sales Manager', 'Regional Sales Director'],
  AE: ['Account Executive', 'Senior Account Executive', 'Enterprise Account Executive', 'Regional Account Executive'],
  SDR: ['Sales Development Representative', 'Senior Sales Development Representative'],
  SE: ['Solutions Engineer', 'Senior Solutions Engineer'],
  CSM: ['Customer Success Manager', 'Senior Customer Success Manager'],
  RevOps: ['Revenue Operations Manager', 'Sales Operations Analyst'],
  Marketing: ['Marketing Manager'],
};

/**
 * Generates `count` users (at least 12, so every role exists).
 *
 * @example generateUsers({ rng, ids, now, offsetMinutes: -240, count: 60, primaryDomain, aliasDomain, workspaces })
 */
export function generateUsers(input: UsersInput): CompanyUser[] {
  const { rng, ids, now, offsetMinutes, primaryDomain, aliasDomain, workspaces } = input;
  const count = Math.max(12, input.count);
  const salesWs = workspaces[0]!.id;
  const csWs = (workspaces[1] ?? workspaces[0]!).id;
  const usedNames = new Set<string>();
  const users: CompanyUser[] = [];

  const make = (role: SalesRole, managerId: string | null, titleOverride?: string | null): CompanyUser => {
    let first: string, last: string;
    do {
      first = rng.pick(FIRST_NAMES);
      last = rng.pick(LAST_NAMES);
    } while (usedNames.has(`${first} ${last}`));
    usedNames.add(`${first} ${last}`);
    const local = `${first}.${last}`.toLowerCase();
    const recentHire = role !== 'Executive' && role !== 'Manager' && rng.chance(0.1);
    const createdMs = recentHire ? now - rng.int(20, 120) * DAY - rng.int(0, DAY) : now - rng.int(200, 1460) * DAY - rng.int(0, DAY);
    const title = titleOverride !== undefined ? titleOverride : rng.chance(0.08) ? null : rng.pick(REP_TITLES[role]);
    const aliasStyle = rng.next();
    const user: CompanyUser = {
      id: ids.gong(rng),
      crmUserId: ids.salesforce(rng, '005'),
      firstName: first,
      lastName: last,
      emailAddress: `${local}@${primaryDomain}`,
      emailAliases: aliasStyle < 0.2 ? [`${first.toLowerCase()}@${aliasDomain}`] : aliasStyle < 0.3 ? [`${local}@${aliasDomain}`] : [],
      title,
      role,
      managerId,
      active: true,
      createdMs,
      created: formatInstant(createdMs, offsetMinutes, 3),
      deactivatedMs: null,
      phoneNumber: rng.chance(0.5) ? `+1 415-555-${String(rng.int(100, 9999)).padStart(4, '0')}` : null,
      workspaceId: role === 'CSM' ? csWs : salesWs,
      spokenLanguages: spokenLanguages(rng),
      personalMeetingUrls: rng.chance(0.3) ? [`https://zoom.us/j/${rng.digits(10)}`] : [],
      meetingConsentPageUrl: rng.chance(0.4) ? `https://us-12100.join.gong.io/northwind-sales/${local}` : null,
    };
    users.push(user);
    return user;
  };

  const vp = make('Executive', null, 'VP of Sales');
  const salesManagers = Array.from({ length: Math.max(2, Math.round(count / 16)) }, () => make('Manager', vp.id));
  const sdrManager = make('Manager', vp.id, 'SDR Manager');
  const seManager = make('Manager', vp.id, 'Director of Solutions Engineering');
  const csManager = make('Manager', vp.id, 'Director of Customer Success');
  csManager.workspaceId = csWs;
  make('RevOps', vp.id);
  make('RevOps', vp.id);
  make('Marketing', null, null);

  const managerFor = (role: SalesRole, i: number): string => {
    if (role === 'SDR') return sdrManager.id;
    if (role === 'SE') return seManager.id;
    if (role === 'CSM') return csManager.id;
    return salesManagers[i % salesManagers.length]!.id;
  };
  // Guarantee every rep role exists, then fill the rest by the usual mix of a sales floor.
  const roles: SalesRole[] = ['AE', 'AE', 'SDR', 'SE', 'CSM'];
  while (users.length + roles.length < count) {
    roles.push(rng.weighted([['AE', 45], ['SDR', 25], ['SE', 12], ['CSM', 18]] as const));
  }
  roles.forEach((role, i) => {
    const rep = make(role, managerFor(role, i));
    // A few reps left during the window; they keep their history but host nothing after leaving.
    if (i >= 5 && rng.chance(0.07)) {
      rep.active = false;
      rep.deactivatedMs = now - rng.int(20, 150) * DAY;
      if (rep.createdMs > rep.deactivatedMs - 200 * DAY) {
        rep.createdMs = rep.deactivatedMs - rng.int(200, 700) * DAY;
        rep.created = formatInstant(rep.createdMs, offsetMinutes, 3);
      }
    }
  });
  return users;
}

function spokenLanguages(rng: Prng): CompanyUser['spokenLanguages'] {
  const r = rng.next();
  if (r < 0.8) return [];
  if (r < 0.93) return [{ language: 'en-US', primary: true }];
  if (r < 0.97) return [{ language: 'fr-FR', primary: true }, { language: 'en-US', primary: false }];
  return [{ language: 'es-ES', primary: true }, { language: 'en-US', primary: false }];
}
