import type { Command } from 'commander';
import { DEFAULT_BASE_URL, normalizeBaseUrl } from '../../client/client-options.js';
import { ConnectionRepository, type ConnectionInfo } from '../../connections/connection-repository.js';
import { checkConnectionName, checkRate, requirePostgres } from '../../connections/connection-settings.js';
import { oauthSecretsFrom, staticSecretsFrom } from '../../connections/read-credentials-input.js';
import { secretKeyFromEnv } from '../../connections/secret-key.js';
import { readAllInput, type InputStream } from '../../connections/terminal-input.js';
import { ConfigError } from '../../errors.js';
import { toUtcIso } from '../../util/time.js';
import { dateOption, durationOption, positiveIntOption } from '../cli-options.js';
import type { CliRuntime } from '../cli-runtime.js';
import { setting } from '../env-config.js';
import { EXIT } from '../exit-codes.js';
import { dbLocation, withStore } from '../open-cli-store.js';

interface AddFlags {
  baseUrl?: string;
  since?: string;
  every?: string;
  dailyBudget?: string;
  rate?: string;
  limitGroup?: string;
  oauth?: boolean;
  tokenUrl?: string;
  credentialsStdin?: boolean;
  db?: string;
  json?: boolean;
}

/** Scheduled syncs closer together than this would mostly re-read the lookback. */
const MIN_EVERY_MS = 10_000;

export function registerConnectionsAddCommand(parent: Command, cli: CliRuntime, run: (fn: () => Promise<number>) => Promise<void>): void {
  parent
    .command('add')
    .description('add a Gong connection; credentials come from the environment or stdin, never from arguments')
    .argument('<name>', 'connection name (letters, digits, . _ -): the connection_id of its rows')
    .option('--base-url <url>', 'Gong API host (env GONG_BASE_URL; default https://api.gong.io; OAuth: from the token)')
    .option('--since <date>', 'start of the history the first sync backfills (default 90 days ago)')
    .option('--every <duration>', 'sync on a schedule, e.g. 1h (default: only when asked with `connections sync`)')
    .option('--daily-budget <n>', 'requests allowed per UTC day (default 10000)')
    .option('--rate <spec>', 'request ceiling, e.g. 3/s (default), "3/s,100/min", or off')
    .option('--limit-group <name>', 'share the rate limit and daily budget with other connections to the same Gong company')
    .option('--oauth', 'OAuth app: GONG_OAUTH_CLIENT_ID and GONG_OAUTH_CLIENT_SECRET from the environment, the refresh token from stdin or GONG_OAUTH_REFRESH_TOKEN')
    .option('--token-url <url>', 'OAuth token endpoint (default https://app.gong.io/oauth2/generate-customer-token)')
    .option('--credentials-stdin', 'read the credentials from standard input ("key:secret", JSON, or for --oauth the refresh token)')
    .option('--db <url>', 'postgres:// URL (env PANDORA_GONG_DB)')
    .option('--json', 'print the connection as JSON')
    .action((name: string, flags: AddFlags) => run(() => addConnectionCommand(name, flags, cli)));
}

/**
 * Adds a connection: everything is validated (and the key read) before anything is stored.
 *
 * @example pandora-gong connections add acme --base-url https://us-12345.api.gong.io --every 1h --db postgres://…
 */
export async function addConnectionCommand(name: string, flags: AddFlags, cli: CliRuntime, stdin: InputStream = process.stdin): Promise<number> {
  const env = cli.env();
  const location = requirePostgres(dbLocation(flags.db, cli), 'connections add');
  checkConnectionName(name);
  const key = secretKeyFromEnv(env);
  const now = Date.now();
  const since = dateOption('--since', flags.since, now);
  const everyMs = durationOption('--every', flags.every);
  if (everyMs !== undefined && everyMs < MIN_EVERY_MS) throw new ConfigError('--every must be at least 10s');
  const dailyBudget = positiveIntOption('--daily-budget', flags.dailyBudget);
  const rate = checkRate(flags.rate ?? '3/s');
  const limitKey = checkConnectionName(flags.limitGroup ?? name, '--limit-group');
  if (!flags.oauth && flags.tokenUrl !== undefined) throw new ConfigError('--token-url applies to --oauth connections only');
  const tokenUrl = flags.tokenUrl === undefined ? null : checkHttpUrl('--token-url', flags.tokenUrl);
  const input = flags.credentialsStdin ? await readAllInput(stdin, cli.stderr) : undefined;
  const secrets = flags.oauth ? oauthSecretsFrom(input, env) : staticSecretsFrom(input, env);
  const baseUrl = normalizeBaseUrl(setting(flags.baseUrl, env, 'GONG_BASE_URL', DEFAULT_BASE_URL));
  return withStore(location, cli, async (store) => {
    const info = await new ConnectionRepository(store).add(
      {
        name,
        baseUrl,
        since: since === undefined ? null : toUtcIso(since),
        everySeconds: everyMs === undefined ? null : Math.round(everyMs / 1000),
        dailyBudget: dailyBudget ?? null,
        rate,
        limitKey,
        oauthTokenUrl: tokenUrl,
      },
      secrets,
      key,
    );
    cli.stdout.write(flags.json ? `${JSON.stringify(info)}\n` : `${describeAdded(info)}\n`);
    return EXIT.ok;
  });
}

function describeAdded(info: ConnectionInfo): string {
  const schedule = info.everySeconds === null ? 'syncs when asked (`pandora-gong connections sync ' + info.name + '`)' : `syncs every ${info.everySeconds}s (workers start it within a minute)`;
  return `added connection ${info.name}: ${info.authKind} auth, ${info.baseUrl}; ${schedule}; credentials encrypted with key ${info.keyId}`;
}

function checkHttpUrl(flag: string, value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.toString();
  } catch {
    // Reported below with the expected form.
  }
  throw new ConfigError(`${flag} must be an http(s) URL`);
}
