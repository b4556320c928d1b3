import type { Command } from 'commander';
import { streamWriter } from '../stream-writer.js';
import type { Writable } from 'node:stream';
import { choiceOption } from '../cli-options.js';
import type { CliRuntime } from '../cli-runtime.js';
import { ConfigError } from '../../errors.js';
import { EXIT } from '../exit-codes.js';
import { withStore } from '../open-cli-store.js';
import { EXPORT_STREAMS, exportRows, type ExportStream } from '../../store/export-rows.js';
import { csvLine } from '../../util/csv-line.js';

const FORMATS = ['jsonl', 'csv'] as const;

export function registerExportCommand(program: Command, cli: CliRuntime, run: (fn: () => Promise<number>) => Promise<void>): void {
  program
    .command('export')
    .description(`stream a table to stdout: ${Object.keys(EXPORT_STREAMS).join(', ')}`)
    .argument('<stream>', 'what to export')
    .option('--format <format>', 'jsonl or csv', 'jsonl')
    .option('--db <path|url>', 'SQLite file or postgres:// URL (env PANDORA_GONG_DB)')
    .action((stream: string, flags: { format: string; db?: string }) =>
      run(async () => {
        const format = choiceOption('--format', flags.format, FORMATS)!;
        if (!(stream in EXPORT_STREAMS)) {
          throw new ConfigError(`unknown stream "${stream}": expected one of ${Object.keys(EXPORT_STREAMS).join(', ')}`);
        }
        return withStore(flags.db, cli, async (store) => {
          await writeExport(cli.stdout, exportRows(store, stream as ExportStream), EXPORT_STREAMS[stream]!, format);
          return EXIT.ok;
        }, { existing: true });
      }),
    );
}

/** Writes rows as JSON lines or CSV, waiting for the reader (a pipe into `head` or a slow disk). */
async function writeExport(
  out: Writable,
  rows: AsyncIterable<Record<string, unknown>>,
  spec: { columns: readonly string[] },
  format: 'jsonl' | 'csv',
): Promise<void> {
  const writer = streamWriter(out);
  const write = (chunk: string) => writer.write(chunk);
  if (format === 'csv') await write(csvLine(spec.columns));
  for await (const row of rows) {
    if (writer.closed) break;
    await write(format === 'csv' ? csvLine(spec.columns.map((c) => csvValue(row[c]))) : `${JSON.stringify(row)}\n`);
  }
}

function csvValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
