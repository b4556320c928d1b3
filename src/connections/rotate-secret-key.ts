/**
 * `connections rotate-key`: every connection's sealed credentials (OAuth refresh and access
 * tokens included: they live in the same envelope) re-sealed from the current key to a new one,
 * in one transaction that holds the rows (`FOR UPDATE`, so a worker's OAuth refresh waits and then
 * fails on the key instead of overwriting). A row already sealed with the new key is skipped, so a
 * rerun is a no-op. A row sealed with neither key stops everything before a write.
 */
import { ConfigError } from '../errors.js';
import type { GongStore } from '../store/gong-store.js';
import { toUtcIso } from '../util/time.js';
import { openCredentials, sealCredentials } from './credential-box.js';
import { SecretKeyMismatchError } from './connection-errors.js';
import { asConnectionSecrets } from './connection-secrets.js';
import { parseSecretKey, SECRET_KEY_ENV, type SecretKey } from './secret-key.js';

/** Where `rotate-key` takes the new key from (or standard input). */
export const NEW_SECRET_KEY_ENV = 'PANDORA_GONG_NEW_SECRET_KEY';

export interface KeyRotationReport {
  /** Connections re-sealed with the new key by this run. */
  rotated: number;
  /** Connections already sealed with the new key (a rerun, or connections added since). */
  alreadyRotated: number;
  oldKeyId: string;
  newKeyId: string;
}

/**
 * The new key's text parsed, its messages naming `PANDORA_GONG_NEW_SECRET_KEY` (never the value).
 *
 * @example const next = parseNewSecretKey(process.env.PANDORA_GONG_NEW_SECRET_KEY!);
 */
export function parseNewSecretKey(text: string | undefined): SecretKey {
  if (text === undefined || text.trim() === '') throw new ConfigError(`${NEW_SECRET_KEY_ENV} is not set (nor given on standard input): make the new key with \`openssl rand -base64 32\``);
  try {
    return parseSecretKey(text);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(error.message.split(SECRET_KEY_ENV).join(NEW_SECRET_KEY_ENV));
    throw error;
  }
}

/**
 * @example const report = await rotateSecretKey(store, oldKey, newKey); // { rotated: 3, alreadyRotated: 0, … }
 * @throws ConfigError when both keys are the same; SecretKeyMismatchError when a row is sealed with neither
 */
export async function rotateSecretKey(store: GongStore, oldKey: SecretKey, newKey: SecretKey, now: () => number = Date.now): Promise<KeyRotationReport> {
  if (oldKey.id === newKey.id) throw new ConfigError(`${NEW_SECRET_KEY_ENV} is the same key as ${SECRET_KEY_ENV}: give a new one`);
  return store.engine.write(async (tx) => {
    // The connections table lists every tenant: rotation is across them by design.
    const rows = await tx.selectFrom('connections').select(['id', 'key_id', 'credentials']).orderBy('id').forUpdate().execute();
    const foreign = rows.filter((r) => r.key_id !== oldKey.id && r.key_id !== newKey.id);
    if (foreign.length > 0) {
      const names = foreign.slice(0, 5).map((r) => `"${r.id}"`).join(', ') + (foreign.length > 5 ? ` and ${foreign.length - 5} more` : '');
      throw new SecretKeyMismatchError(foreign[0]!.key_id, oldKey.id, `the credentials of connection${foreign.length > 1 ? 's' : ''} ${names}`);
    }
    let rotated = 0;
    let alreadyRotated = 0;
    for (const row of rows) {
      if (row.key_id === newKey.id) {
        // Proves the new key opens it (a row with a forged key id fails here, before any commit).
        asConnectionSecrets(openCredentials(newKey, row.id, row.credentials), row.id);
        alreadyRotated++;
        continue;
      }
      const secrets = asConnectionSecrets(openCredentials(oldKey, row.id, row.credentials), row.id);
      await tx
        .updateTable('connections')
        .set({ credentials: sealCredentials(newKey, row.id, secrets), key_id: newKey.id, updated_at: toUtcIso(now()) })
        .where('id', '=', row.id)
        .where('key_id', '=', oldKey.id)
        .execute();
      rotated++;
    }
    return { rotated, alreadyRotated, oldKeyId: oldKey.id, newKeyId: newKey.id };
  });
}
