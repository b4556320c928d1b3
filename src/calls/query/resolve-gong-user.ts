import { GongError } from '../../errors.js';
import type { GongStore } from '../../store/gong-store.js';

/**
 * The Gong user someone means: an id, an e-mail address (any case), or a name (whole, or a part
 * that only one user's name contains). No match or several is a `GongError` in one sentence
 * naming candidates.
 *
 * @example await resolveGongUser(store, 'jane@acme.com') // { id: '234599484848423', name: 'Jane Doe' }
 */
export async function resolveGongUser(store: GongStore, query: string): Promise<{ id: string; name: string | null }> {
  const text = query.trim();
  const lower = text.toLowerCase();
  const users = await store.scoped
    .selectFrom('gong_users')
    .select(['id', 'email', 'first_name', 'last_name'])
    .where('connection_id', '=', store.connectionId)
    .execute();
  const named = users.map((u) => ({ id: u.id, email: u.email?.toLowerCase() ?? null, name: [u.first_name, u.last_name].filter(Boolean).join(' ') || null }));
  const pick = (found: typeof named) => {
    if (found.length === 1) return { id: found[0]!.id, name: found[0]!.name };
    if (found.length > 1) {
      const shown = found.slice(0, 5).map((u) => `${u.name ?? '(no name)'} <${u.email ?? u.id}>`).join(', ');
      throw new GongError(`"${text}" matches ${found.length} Gong users: ${shown}${found.length > 5 ? ', …' : ''}; give an e-mail address or id`);
    }
    return undefined;
  };
  const found =
    pick(named.filter((u) => u.id === text)) ??
    pick(named.filter((u) => u.email === lower)) ??
    pick(named.filter((u) => u.name?.toLowerCase() === lower)) ??
    pick(named.filter((u) => u.name?.toLowerCase().includes(lower)));
  if (found) return found;
  throw new GongError(`no Gong user matches "${text}" by id, e-mail or name${users.length === 0 ? ' (no users are synced yet)' : ''}`);
}
