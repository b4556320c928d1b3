import type { Command } from 'commander';
import { requirePostgres } from '../../connections/connection-settings.js';
import { NEW_SECRET_KEY_ENV, parseNewSecretKey, rotateSecretKey } from '../../connections/rotate-secret-key.js';
import { secretKeyFromEnv } from '../../connections/secret-key.js';
import { readAllInput, type InputStream } from '../../connections/terminal-input.js';
import type { CliRuntime } from '../cli-runtime.js';
import { EXIT } from '../exit-codes.js';
import { dbLocation, withStore } from '../open-cli-store.js';

export function registerConnectionsRotateKeyCommand(parent: Command, cli: CliRuntime, run: (fn: () => Promise<number>) => Promise<void>): void {
  parent
    .command('rotate-key')
    .description(`re-encrypt every connection's credentials from PANDORA_GONG_SECRET_KEY to ${NEW_SECRET_KEY_ENV} (or the key on stdin with --key-stdin), in one transaction; rerunning is safe`)
    .option('--key-stdin', 'read the new key from standard input instead of the environment')
    .option('--db <url>', 'postgres:// URL (env PANDORA_GONG_DB)')
    .option('--json', 'the counts as one JSON object')
    .action((flags: { keyStdin?: boolean; db?: string; json?: boolean }) => run(() => rotateKeyCommand(flags, cli)));
}

/**
 * @example PANDORA_GONG_NEW_SECRET_KEY=… pandora-gong connections rotate-key --db postgres://…
 */
export async function rotateKeyCommand(flags: { keyStdin?: boolean; db?: string; json?: boolean }, cli: CliRuntime, stdin: InputStream = process.stdin): Promise<number> {
  const env = cli.env();
  const location = requirePostgres(dbLocation(flags.db, cli), 'connections rotate-key');
  const oldKey = secretKeyFromEnv(env);
  const newKey = parseNewSecretKey(flags.keyStdin ? await readAllInput(stdin, cli.stderr) : env[NEW_SECRET_KEY_ENV]);
  return withStore(location, cli, async (store) => {
    const report = await rotateSecretKey(store, oldKey, newKey);
    cli.stdout.write(
      flags.json
        ? `${JSON.stringify(report)}\n`
        : `re-encrypted ${report.rotated} connection(s) from key ${report.oldKeyId} to key ${report.newKeyId}; ${report.alreadyRotated} already on the new key. Now set PANDORA_GONG_SECRET_KEY to the new key and restart the workers.\n`,
    );
    return EXIT.ok;
  });
}
