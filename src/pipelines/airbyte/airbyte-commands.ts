/**
 * `pandora-gong airbyte spec | check | discover | read`: an Airbyte source (protocol v1). Only
 * protocol messages go to stdout; progress and warnings are LOG messages; a failure is a TRACE
 * error with its `failure_type`. `check` reports SUCCEEDED or FAILED and exits 0 either way, as
 * Airbyte expects.
 */
import type { CliRuntime } from '../../cli/cli-runtime.js';
import { exitCodeFor, EXIT } from '../../cli/exit-codes.js';
import { jsonLinesProgress } from '../../cli/progress/json-lines-progress.js';
import { describeError } from '../../cli/report-error.js';
import { projectRecord } from '../field-selection.js';
import { failureTypeOf } from '../failure-type.js';
import { lineWritable } from '../line-writable.js';
import { connectionSpec, parsePipelineConfig, type ParsedPipelineConfig } from '../pipeline-config.js';
import { pipelineClient } from '../pipeline-client.js';
import { configAfterRotation } from '../pipeline-oauth.js';
import { readJsonFile } from '../read-json-file.js';
import { runProtocolRead } from '../run-protocol-read.js';
import { protocolStreams } from '../stream-catalog.js';
import { airbyteCatalog, parseConfiguredCatalog } from './airbyte-catalog.js';
import { AirbyteWriter } from './airbyte-messages.js';
import { parseAirbyteState } from './airbyte-state.js';

/** Where this connector's documentation lives (docs/pipelines.md in the package's repository). */
const DOCS_URL = 'https://github.com/pandora/pandora-gong/blob/main/docs/pipelines.md';

export async function airbyteSpec(cli: CliRuntime): Promise<number> {
  new AirbyteWriter(cli.stdout).write({
    type: 'SPEC',
    spec: {
      documentationUrl: DOCS_URL,
      connectionSpecification: connectionSpec(),
      supportsIncremental: true,
      supported_destination_sync_modes: ['overwrite', 'append', 'append_dedup'],
      protocol_version: '0.2.0',
    },
  });
  return EXIT.ok;
}

export async function airbyteCheck(flags: { config: string }, cli: CliRuntime): Promise<number> {
  const writer = new AirbyteWriter(cli.stdout);
  let message: string | undefined;
  try {
    const config = readConfig(flags.config);
    const client = await pipelineClient(config, { onRotate: (rotated) => writer.control(configAfterRotation(config.raw, rotated)) });
    // One page of users: the cheapest request that proves the host, the credentials and a scope.
    for await (const page of client.users().pages()) {
      void page;
      break;
    }
  } catch (error) {
    message = describeError(error);
  }
  writer.write({ type: 'CONNECTION_STATUS', connectionStatus: message === undefined ? { status: 'SUCCEEDED' } : { status: 'FAILED', message } });
  return EXIT.ok;
}

export async function airbyteDiscover(flags: { config: string }, cli: CliRuntime): Promise<number> {
  const writer = new AirbyteWriter(cli.stdout);
  try {
    readConfig(flags.config);
  } catch (error) {
    writer.error(describeError(error), failureTypeOf(error));
    return exitCodeFor(error);
  }
  writer.write({ type: 'CATALOG', catalog: airbyteCatalog(protocolStreams()) });
  return EXIT.ok;
}

export async function airbyteRead(flags: { config: string; catalog: string; state?: string }, cli: CliRuntime): Promise<number> {
  const writer = new AirbyteWriter(cli.stdout);
  try {
    const config = readConfig(flags.config);
    const { selections, unknown } = parseConfiguredCatalog(readJsonFile(flags.catalog, '--catalog'), protocolStreams());
    for (const name of unknown) writer.log('WARN', `the catalog names a stream this source does not have: ${name} (left out)`);
    const state = flags.state ? parseAirbyteState(readJsonFile(flags.state, '--state')) : new Map();
    const progress = jsonLinesProgress(lineWritable((line) => writer.log('INFO', line)));
    const sinceState = new Map<string, number>();
    const report = await runProtocolRead({
      config,
      selected: selections.map((s) => s.stream),
      fullRefresh: new Set(selections.filter((s) => s.fullRefresh).map((s) => s.stream.name)),
      state,
      output: {
        record: (stream, data) => {
          writer.record(stream.name, projectRecord(selections.find((s) => s.stream === stream), data));
          sinceState.set(stream.name, (sinceState.get(stream.name) ?? 0) + 1);
        },
        state: (stream, blob) => {
          writer.state(stream.name, blob, sinceState.get(stream.name) ?? 0);
          sinceState.set(stream.name, 0);
        },
      },
      onStatus: (stream, status, reason) => writer.status(stream.name, status, reason),
      onProgress: (event) => progress.sync(event),
      onClientEvent: (event) => progress.client(event),
      onRotate: (rotated) => writer.control(configAfterRotation(config.raw, rotated)),
      signal: cli.signal,
    });
    if (report.status === 'stopped') {
      writer.log('WARN', `${report.stop!.message}${report.stop!.resumeAfter ? `; the next read resumes after ${report.stop!.resumeAfter}` : '; the next read resumes from the last state'}`);
      return report.stop!.stopReason === 'signal' ? 130 : EXIT.ok;
    }
    return EXIT.ok;
  } catch (error) {
    writer.error(describeError(error), failureTypeOf(error));
    return exitCodeFor(error);
  }
}

function readConfig(path: string): ParsedPipelineConfig {
  return parsePipelineConfig(readJsonFile(path, '--config'));
}
