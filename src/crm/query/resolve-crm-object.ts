import { GongError } from '../../errors.js';
import type { GongStore } from '../../store/gong-store.js';
import { crmIdKey } from '../crm-id-key.js';
import { normalizeDomain } from '../domains/normalize-domain.js';
import { nameKey } from '../import-crm-records.js';

export interface ResolvedCrmObject {
  type: 'account' | 'deal';
  id: string;
  name: string | null;
}

/**
 * The account a user means by `query`: its id (15- or 18-character Salesforce ids alike), its
 * name (case and punctuation ignored), its domain, or a unique part of its name. No match, or
 * several, is a `GongError` (exit 1) that says so in one line, naming up to five candidates.
 *
 * @example await resolveAccount(store, 'acme')  // { type: 'account', id: '0018W00000Acme1QAB', name: 'Acme Corp' }
 */
export async function resolveAccount(store: GongStore, query: string): Promise<ResolvedCrmObject> {
  const text = query.trim();
  const accounts = await store.scoped
    .selectFrom('crm_accounts')
    .select(['id', 'name', 'domain'])
    .execute();
  if (accounts.length === 0) throw new UnknownCrmObjectError('no CRM accounts in the database: run `pandora-gong crm import FILE...` first');
  const pick = (found: typeof accounts, how: string): ResolvedCrmObject | undefined => {
    if (found.length === 0) return undefined;
    if (found.length === 1) return { type: 'account', id: found[0]!.id, name: found[0]!.name };
    const shown = found.slice(0, 5).map((a) => `${a.name ?? '(no name)'} (${a.id})`).join(', ');
    throw new GongError(`"${text}" ${how} ${found.length} accounts: ${shown}${found.length > 5 ? ', …' : ''}; give the account id`);
  };
  const key = crmIdKey(text);
  const byId = accounts.filter((a) => a.id === text || crmIdKey(a.id) === key);
  const key2 = nameKey(text);
  const domain = normalizeDomain(text);
  return (
    pick(byId, 'is the id of') ??
    pick(key2 === '' ? [] : accounts.filter((a) => a.name !== null && nameKey(a.name) === key2), 'is the name of') ??
    pick(domain === null ? [] : accounts.filter((a) => a.domain === domain), 'is the domain of') ??
    pick(key2 === '' ? [] : accounts.filter((a) => a.name !== null && nameKey(a.name).includes(key2)), 'matches') ??
    notFound(`no account matches "${text}" by id, name or domain: check \`pandora-gong status\` for what was imported`)
  );
}

/**
 * The deal with this id (15- or 18-character Salesforce ids alike), or with exactly this name.
 *
 * @example await resolveDeal(store, '0068W00000Deal1QAB') // { type: 'deal', id: '0068W00000Deal1QAB', name: 'Acme - 40 seats' }
 */
export async function resolveDeal(store: GongStore, query: string): Promise<ResolvedCrmObject> {
  const text = query.trim();
  const key = crmIdKey(text);
  const db = store.scoped;
  const candidates = await db
    .selectFrom('crm_deals')
    .select(['id', 'name'])
    .where((eb) => eb.or([eb('id', '=', text), eb('id', 'like', `${key}%`), eb('name', '=', text)]))
    .execute();
  const byId = candidates.filter((d) => d.id === text || crmIdKey(d.id) === key);
  if (byId.length >= 1) return { type: 'deal', id: byId[0]!.id, name: byId[0]!.name };
  const byName = candidates.filter((d) => d.name === text);
  if (byName.length === 1) return { type: 'deal', id: byName[0]!.id, name: byName[0]!.name };
  if (byName.length > 1) throw new GongError(`"${text}" is the name of ${byName.length} deals: give the deal id`);
  return notFound(`no deal with id "${text}": check the id, or run \`pandora-gong crm import\` with the deals export`);
}

/**
 * No account or deal matches what was asked (an ambiguous match is a plain `GongError`).
 *
 * @example try { await resolveAccount(store, 'Acne'); } catch (e) { if (e instanceof UnknownCrmObjectError) suggest(await closestAccountNames(store, 'Acne')); }
 */
export class UnknownCrmObjectError extends GongError {
  override readonly name = 'UnknownCrmObjectError';
}

function notFound(message: string): never {
  throw new UnknownCrmObjectError(message);
}
