import type { Command } from 'commander';
import { hasCrmData } from '../../crm/link/call-linker.js';
import { linkCalls, type LinkReport } from '../../crm/link/link-calls.js';
import type { CliRuntime } from '../cli-runtime.js';
import { EXIT } from '../exit-codes.js';
import { withStore } from '../open-cli-store.js';

const n = (value: number) => value.toLocaleString('en-US');

/**
 * `pandora-gong link [--json]`: relinks every stored call to the imported CRM (docs/crm-linking.md).
 * Idempotent; with no CRM data it removes every link (there is nothing left to link to) and
 * says how to import some.
 */
export function registerLinkCommand(program: Command, cli: CliRuntime, run: (fn: () => Promise<number>) => Promise<void>): void {
  program
    .command('link')
    .description('link every stored call to its CRM accounts and deals (after `crm import`)')
    .option('--json', 'the summary as one JSON object on stdout')
    .option('--db <path|url>', 'SQLite file or postgres:// URL (env PANDORA_GONG_DB; default ./pandora-gong.db)')
    .action((flags: { json?: boolean; db?: string }) =>
      run(() =>
        withStore(flags.db, cli, async (store) => {
          if (!(await hasCrmData(store))) {
            cli.stderr.write('pandora-gong: no CRM data in the database: load some with `pandora-gong crm import FILE...` (links left: none)\n');
          }
          let report: LinkReport;
          try {
            report = await linkCalls(store, { signal: cli.signal });
          } catch (error) {
            // Ctrl-C between batches: what was written is consistent, and a rerun finishes the job.
            if (cli.signal.aborted && error === cli.signal.reason) {
              cli.stderr.write('pandora-gong: link stopped on request: the batches done so far are saved; run `pandora-gong link` again to finish\n');
              return 130;
            }
            throw error;
          }
          cli.stdout.write(flags.json ? `${JSON.stringify(report)}\n` : `${formatLinkReport(report)}\n`);
          return EXIT.ok;
        }, { existing: true }),
      ),
    );
}

/**
 * The link summary for people.
 *
 * @example cli.stdout.write(`${formatLinkReport(await linkCalls(store))}\n`);
 */
export function formatLinkReport(r: LinkReport): string {
  return [
    `Linked ${n(r.linkedCalls)} of ${n(r.calls)} calls in ${(r.elapsedMs / 1000).toFixed(1)} s: ${n(r.accountLinks)} account links, ${n(r.dealLinks)} deal links.`,
    `  not linked   ${n(r.unlinkedCalls)} with outside participants no CRM record matches (see \`pandora-gong status\`), ${n(r.internalOnlyCalls)} internal-only`,
    `  by method    gong_context ${n(r.byMethod.gong_context)}, contact_email ${n(r.byMethod.contact_email)}, email_domain ${n(r.byMethod.email_domain)}`,
    `  changes      ${n(r.added)} added, ${n(r.changed)} changed, ${n(r.removed)} removed`,
  ].join('\n');
}
