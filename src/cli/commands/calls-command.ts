import type { Command } from 'commander';
import { listCallsForCrmObject, type CrmCallView } from '../../crm/query/list-calls-for-crm-object.js';
import { resolveAccount, resolveDeal, type ResolvedCrmObject } from '../../crm/query/resolve-crm-object.js';
import { ConfigError } from '../../errors.js';
import { dateOption, positiveIntOption } from '../cli-options.js';
import type { CliRuntime } from '../cli-runtime.js';
import { EXIT } from '../exit-codes.js';
import { withStore } from '../open-cli-store.js';

interface CallsFlags {
  account?: string;
  deal?: string;
  since?: string;
  until?: string;
  limit?: string;
  json?: boolean;
  db?: string;
}

/**
 * `pandora-gong calls --account NAME|ID | --deal ID [--since] [--until] [--limit] [--json]`:
 * an account's or a deal's calls, most recent first, with Gong's call outcome, participants and
 * how each call was linked (docs/crm-linking.md). An account or deal that is not in the database exits 1 with one
 * line; bad flags exit 2.
 */
export function registerCallsCommand(program: Command, cli: CliRuntime, run: (fn: () => Promise<number>) => Promise<void>): void {
  program
    .command('calls')
    .description("list an account's or a deal's calls with dates, outcome, participants and link method")
    .option('--account <name|id>', 'account id, name, domain, or a unique part of its name')
    .option('--deal <id>', 'deal (opportunity) id')
    .option('--since <date>', 'calls that started at or after (ISO-8601 or 30d)')
    .option('--until <date>', 'calls that started before (ISO-8601 or 30d)')
    .option('--limit <n>', 'at most this many calls (the most recent)')
    .option('--json', 'a JSON array of calls on stdout')
    .option('--db <path|url>', 'SQLite file or postgres:// URL (env PANDORA_GONG_DB; default ./pandora-gong.db)')
    .action((flags: CallsFlags) =>
      run(async () => {
        if ((flags.account === undefined) === (flags.deal === undefined)) throw new ConfigError('give either --account NAME|ID or --deal ID');
        const now = Date.now();
        const since = dateOption('--since', flags.since, now);
        const until = dateOption('--until', flags.until, now);
        const limit = positiveIntOption('--limit', flags.limit);
        if (since !== undefined && until !== undefined && since >= until) throw new ConfigError('--since must be before --until');
        return withStore(flags.db, cli, async (store) => {
          const object = flags.account !== undefined ? await resolveAccount(store, flags.account) : await resolveDeal(store, flags.deal!);
          const calls = await listCallsForCrmObject(store, object, { ...(since !== undefined ? { since } : {}), ...(until !== undefined ? { until } : {}), ...(limit !== undefined ? { limit } : {}) });
          cli.stdout.write(flags.json ? `${JSON.stringify(calls)}\n` : `${formatCalls(object, calls)}\n`);
          return EXIT.ok;
        }, { existing: true });
      }),
    );
}

/**
 * The listing for people: a heading, then each call with its links and participants.
 *
 * @example formatCalls(account, await listCallsForCrmObject(store, account))
 */
export function formatCalls(object: ResolvedCrmObject, calls: readonly CrmCallView[]): string {
  const heading = `${object.type === 'account' ? 'Account' : 'Deal'} ${object.name ?? '(no name)'} (${object.id}): ${calls.length === 0 ? 'no linked calls' : `${calls.length} call${calls.length === 1 ? '' : 's'}, most recent first`}`;
  const lines = [heading];
  if (calls.length === 0) lines.push('  (run `pandora-gong link` after importing or syncing, and check `pandora-gong status` for unmatched domains)');
  for (const call of calls) {
    const when = `${call.startedAt.slice(0, 10)} ${call.startedAt.slice(11, 16)} UTC`;
    const minutes = call.durationSeconds === null ? '' : ` ${Math.round(call.durationSeconds / 60)}m`;
    const outcome = call.outcome ? `  → ${call.outcome}` : '';
    lines.push(`${when}${minutes}  ${call.title ?? '(untitled)'}${outcome}  [${call.method} ${call.confidence.toFixed(2)}]`);
    const others = call.links.filter((l) => !(l.type === object.type && l.id === object.id));
    if (others.length > 0) {
      lines.push(`    ${others.map((l) => `${l.type} ${l.name ?? l.id} (${l.method} ${l.confidence.toFixed(2)})`).join('; ')}`);
    }
    const people = call.participants.map((p) => {
      const who = p.name && p.email ? `${p.name} <${p.email}>` : (p.name ?? p.email ?? 'unknown participant');
      return p.affiliation ? `${who} ${p.affiliation}` : who;
    });
    if (people.length > 0) lines.push(`    ${people.join(' · ')}`);
  }
  return lines.join('\n');
}
