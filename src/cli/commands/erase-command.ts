import type { Command } from 'commander';
import { createInterface } from 'node:readline/promises';
import { ConfigError } from '../../errors.js';
import { erasePerson, type ErasureReport } from '../../privacy/erase-person.js';
import type { CliRuntime } from '../cli-runtime.js';
import { EXIT } from '../exit-codes.js';
import { withStore } from '../open-cli-store.js';

interface EraseFlags {
  email?: string;
  phone?: string;
  yes?: boolean;
  json?: boolean;
  db?: string;
}

/**
 * `pandora-gong erase --email ADDRESS | --phone NUMBER [--yes] [--json]` (product.md "Privacy:
 * erasing a person"): removes the person from the local database and records a salted hash so
 * later syncs do not store their calls again. Asks first unless `--yes`; with nobody at a
 * terminal to ask, `--yes` is required.
 */
export function registerEraseCommand(program: Command, cli: CliRuntime, run: (fn: () => Promise<number>) => Promise<void>): void {
  program
    .command('erase')
    .description('remove a person (every call they took part in, their CRM contact, their Gong user) and keep them out of later syncs')
    .option('--email <address>', 'the e-mail address to erase')
    .option('--phone <number>', 'the phone number to erase (with country code)')
    .option('--yes', 'do not ask for confirmation')
    .option('--json', 'what was removed, as one JSON object on stdout')
    .option('--db <path|url>', 'SQLite file or postgres:// URL (env PANDORA_GONG_DB; default ./pandora-gong.db)')
    .action((flags: EraseFlags) =>
      run(async () => {
        if ((flags.email === undefined) === (flags.phone === undefined)) throw new ConfigError('give either --email ADDRESS or --phone NUMBER');
        const who = flags.email !== undefined ? flags.email : flags.phone!;
        if (!flags.yes) {
          if (!cli.stdin?.isTTY) throw new ConfigError('erase removes data for good: pass --yes to confirm when not at a terminal');
          const prompt = createInterface({ input: cli.stdin, output: cli.stderr });
          const answer = await prompt.question(`Erase ${who}: every call they took part in, their CRM contact and Gong user, for good? Type "erase" to confirm: `).finally(() => prompt.close());
          if (answer.trim().toLowerCase() !== 'erase') {
            cli.stderr.write('pandora-gong: nothing erased\n');
            return EXIT.usage;
          }
        }
        return withStore(flags.db, cli, async (store) => {
          const report = await erasePerson(store, flags.email !== undefined ? { email: flags.email } : { phone: flags.phone! });
          cli.stdout.write(flags.json ? `${JSON.stringify(report)}\n` : `${formatErasure(report)}\n`);
          return EXIT.ok;
        }, { existing: true });
      }),
    );
}

export function formatErasure(r: ErasureReport): string {
  const what = r.kind === 'email' ? 'address' : 'number';
  return [
    `Erased: ${r.calls} call${r.calls === 1 ? '' : 's'} (with parties, transcripts, content, trackers, links and search entries), ${r.crmContacts} CRM contact${r.crmContacts === 1 ? '' : 's'}, ${r.gongUsers} Gong user${r.gongUsers === 1 ? '' : 's'}.`,
    `Recorded as a salted hash of the ${what}${r.erasedBefore ? ' (it had been erased before)' : ''}: later syncs leave this person's calls out.`,
  ].join('\n');
}
