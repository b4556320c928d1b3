/**
 * `pandora-gong singer --config F [--state F] [--catalog F]` and `--discover`: a Singer tap.
 * SCHEMA, RECORD and STATE messages on stdout and nothing else; progress and errors on stderr.
 * A state is written out before the next record after the page it covers (and at the end), so a
 * STATE never precedes the records it covers and the bookmarks are not repeated per stream.
 */
import { renameSync, writeFileSync } from 'node:fs';
import type { CliRuntime } from '../../cli/cli-runtime.js';
import { EXIT } from '../../cli/exit-codes.js';
import { createProgress } from '../../cli/progress/create-progress.js';
import { projectRecord, projectSchema } from '../field-selection.js';
import { parsePipelineConfig } from '../pipeline-config.js';
import { configAfterRotation } from '../pipeline-oauth.js';
import type { StreamBlob } from '../protocol-state.js';
import { readJsonFile } from '../read-json-file.js';
import { runProtocolRead } from '../run-protocol-read.js';
import { protocolStreams } from '../stream-catalog.js';
import { parseSingerCatalog, singerCatalog } from './singer-catalog.js';
import { parseSingerState } from './singer-state.js';

export interface SingerFlags {
  config: string;
  state?: string;
  catalog?: string;
  discover?: boolean;
}

export async function singerCommand(flags: SingerFlags, cli: CliRuntime): Promise<number> {
  const write = (message: Record<string, unknown>) => cli.stdout.write(`${JSON.stringify(message)}\n`);
  const config = parsePipelineConfig(readJsonFile(flags.config, '--config'));
  const all = protocolStreams();
  if (flags.discover) {
    write(singerCatalog(all));
    return EXIT.ok;
  }
  const { selections, unknown } = flags.catalog
    ? parseSingerCatalog(readJsonFile(flags.catalog, '--catalog'), all)
    : { selections: all.map((stream) => ({ stream, fullRefresh: false })), unknown: [] };
  for (const name of unknown) cli.stderr.write(`pandora-gong: the catalog names a stream this tap does not have: ${name} (left out)\n`);
  const state = flags.state ? parseSingerState(readJsonFile(flags.state, '--state')) : new Map<string, StreamBlob>();

  const bookmarks: Record<string, StreamBlob> = Object.fromEntries(state);
  let stateDue = false;
  const flushState = () => {
    if (!stateDue) return;
    write({ type: 'STATE', value: { bookmarks } });
    stateDue = false;
  };
  for (const s of selections) {
    write({ type: 'SCHEMA', stream: s.stream.name, schema: projectSchema(s), key_properties: s.stream.key, ...(s.stream.cursorColumn ? { bookmark_properties: [s.stream.cursorColumn] } : {}) });
  }
  const progress = createProgress(cli.stderr, false);
  try {
    const report = await runProtocolRead({
      config,
      selected: selections.map((s) => s.stream),
      fullRefresh: new Set(selections.filter((s) => s.fullRefresh).map((s) => s.stream.name)),
      state,
      output: {
        record: (stream, data) => {
          flushState();
          write({ type: 'RECORD', stream: stream.name, record: projectRecord(selections.find((s) => s.stream === stream), data), time_extracted: new Date().toISOString() });
        },
        state: (stream, blob) => {
          bookmarks[stream.name] = blob;
          stateDue = true;
        },
      },
      onStatus: () => {},
      onProgress: (event) => progress.sync(event),
      onClientEvent: (event) => progress.client(event),
      // The refresh token just spent is dead: the config file must hold the next one.
      onRotate: (rotated) => {
        const next = configAfterRotation(config.raw, rotated);
        const temp = `${flags.config}.${process.pid}.tmp`;
        writeFileSync(temp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
        renameSync(temp, flags.config);
        progress.note('the OAuth refresh token rotated: the new one is written to the --config file');
      },
      signal: cli.signal,
    });
    flushState();
    if (report.status === 'stopped') {
      const stop = report.stop!;
      progress.note(`${stop.message}${stop.resumeAfter ? `; the next run resumes after ${stop.resumeAfter}` : '; the next run resumes from the last state'}`);
      return stop.stopReason === 'signal' ? 130 : EXIT.ok;
    }
    return EXIT.ok;
  } finally {
    flushState();
    progress.close();
  }
}
