import type { Command } from 'commander';
import { CRM_KINDS, type CrmKind } from '../../crm/crm-kinds.js';
import { importCrmFiles, type CrmFilesImportReport } from '../../crm/import/import-crm-files.js';
import { choiceOption } from '../cli-options.js';
import type { CliRuntime } from '../cli-runtime.js';
import { EXIT } from '../exit-codes.js';
import { withStore } from '../open-cli-store.js';

interface CrmImportFlags {
  kind?: string;
  replace?: boolean;
  json?: boolean;
  db?: string;
}

/** Rejected rows listed per file in text output; `--json` lists them all. */
const SHOWN_REJECTIONS = 20;
const n = (value: number) => value.toLocaleString('en-US');

/**
 * `pandora-gong crm import FILE... [--kind K] [--replace] [--json]`: loads CRM exports
 * (docs/crm-linking.md). Exit 0 with a summary even when some rows were rejected (each listed with
 * its line); exit 2 when a file cannot be used at all, before anything is written.
 */
export function registerCrmCommand(program: Command, cli: CliRuntime, run: (fn: () => Promise<number>) => Promise<void>): void {
  const crm = program.command('crm').description('CRM data that calls are linked to (accounts, contacts, deals)');
  crm
    .command('import')
    .description('load accounts, contacts and deals from Salesforce or HubSpot CSV/JSON exports')
    .argument('<files...>', 'CSV or JSON export files (kind and CRM detected from the columns)')
    .option('--kind <kind>', `what every file holds, when the columns do not tell: ${CRM_KINDS.join(', ')}`)
    .option('--replace', 'drop the stored records of each kind imported first (records gone from the CRM go from the database)')
    .option('--json', 'the summary as one JSON object on stdout')
    .option('--db <path|url>', 'SQLite file or postgres:// URL (env PANDORA_GONG_DB; default ./pandora-gong.db)')
    .action((files: string[], flags: CrmImportFlags) =>
      run(async () => {
        const kind = choiceOption('--kind', flags.kind, CRM_KINDS);
        return withStore(flags.db, cli, async (store) => {
          const report = await importCrmFiles(store, files, { ...(kind ? { kind } : {}), ...(flags.replace ? { replace: true } : {}) });
          cli.stdout.write(flags.json ? `${JSON.stringify(report)}\n` : `${formatCrmImport(report)}\n`);
          return EXIT.ok;
        });
      }),
    );
}

/**
 * The import summary for people: one block per file, rejected rows with their lines, totals.
 *
 * @example cli.stdout.write(`${formatCrmImport(await importCrmFiles(store, files))}\n`);
 */
export function formatCrmImport(report: CrmFilesImportReport): string {
  const lines: string[] = [];
  for (const f of report.files) {
    const kind: CrmKind = f.kind;
    lines.push(`${f.file}  ${f.source} ${kind}: ${n(f.rows)} rows, ${n(f.loaded)} loaded${f.rejected.length ? `, ${n(f.rejected.length)} rejected` : ''}`);
    for (const r of f.rejected.slice(0, SHOWN_REJECTIONS)) lines.push(`  line ${r.line}: ${r.reason}`);
    if (f.rejected.length > SHOWN_REJECTIONS) lines.push(`  … and ${n(f.rejected.length - SHOWN_REJECTIONS)} more (--json lists them all)`);
  }
  const t = report.totals;
  lines.push(
    `Stored ${n(t.accounts)} accounts, ${n(t.contacts)} contacts, ${n(t.deals)} deals, ${n(t.dealContacts)} deal contacts.`,
    'Run `pandora-gong link` to link calls to them (sync also links new calls from now on).',
  );
  return lines.join('\n');
}
