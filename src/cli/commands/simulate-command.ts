import type { Command } from 'commander';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { startSimulator, writeCrmExport, type Simulator } from '../../simulator/index.js';
import { dateOption, durationOption, positiveIntOption } from '../cli-options.js';
import type { CliRuntime } from '../cli-runtime.js';
import { ConfigError } from '../../errors.js';
import { EXIT } from '../exit-codes.js';

interface SimulateFlags {
  port?: string;
  host: string;
  seed?: string;
  calls?: string;
  faults?: string;
  faultSeed?: string;
  rateLimit?: string;
  dailyLimit?: string;
  cursorTtl?: string;
  latency?: string;
  now?: string;
  exportCrm?: string;
  json?: boolean;
  prepare?: boolean;
}

export function registerSimulateCommand(program: Command, cli: CliRuntime, run: (fn: () => Promise<number>) => Promise<void>): void {
  program
    .command('simulate')
    .description('serve the built-in Gong API simulator (a seeded, realistic company) until interrupted')
    .option('--port <n>', 'port to listen on (default: a free one)')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--seed <n>', 'seed of the generated company', '1')
    .option('--calls <n>', 'calls to generate over the past six months', '2000')
    .option('--faults <spec>', 'inject faults, e.g. 5xx=0.05,reset=0.02,slow=0.1:800ms,429=0.02 (see src/simulator/README.md)')
    .option('--fault-seed <n>', 'seed of the fault draws (default: the company seed)')
    .option('--rate-limit <n|off>', "requests per second before 429, like Gong's 3/s", '3')
    .option('--daily-limit <n>', 'requests per simulated UTC day before 429', '10000')
    .option('--cursor-ttl <duration>', 'pagination cursor lifetime from the first page', '1h')
    .option('--latency <duration>', 'delay added to every answer', '0ms')
    .option('--now <date>', "the simulated present (default: now); the company's history ends here")
    .option('--export-crm <dir>', "also write the company's CRM as Salesforce CSV exports into DIR (for `crm import`)")
    .option('--prepare', "generate every call's parties and transcript before serving (about 30 KB a call), so a benchmark measures the client, not the generator")
    .option('--json', 'print the address and credentials as one JSON line')
    .action((flags: SimulateFlags) => run(() => simulateCommand(flags, cli)));
}

async function simulateCommand(flags: SimulateFlags, cli: CliRuntime): Promise<number> {
  const rate = flags.rateLimit === 'off' ? false : positiveIntOption('--rate-limit', flags.rateLimit);
  const sim = await startSimulator({
    port: positiveIntOption('--port', flags.port, { allowZero: true }) ?? 0,
    host: flags.host,
    seed: positiveIntOption('--seed', flags.seed, { allowZero: true }),
    calls: positiveIntOption('--calls', flags.calls, { allowZero: true }),
    faults: flags.faults,
    faultSeed: positiveIntOption('--fault-seed', flags.faultSeed, { allowZero: true }),
    rateLimit: rate === false ? false : { perSecond: rate, daily: positiveIntOption('--daily-limit', flags.dailyLimit) },
    cursorTtlMs: durationOption('--cursor-ttl', flags.cursorTtl),
    latencyMs: durationOption('--latency', flags.latency),
    prepare: flags.prepare === true,
    now: dateOption('--now', flags.now, Date.now()),
  }).catch((error: Error) => {
    // A bad fault spec or a port in use is the user's to fix: exit 2 with the reason.
    throw new ConfigError(`cannot start the simulator: ${error.message}`);
  });
  // The server is listening from here on: whatever fails below must close it, or the process never exits.
  try {
    return await serveSimulator(sim, flags, cli);
  } finally {
    await sim.close();
  }
}

async function serveSimulator(sim: Simulator, flags: SimulateFlags, cli: CliRuntime): Promise<number> {
  const { accessKey, accessKeySecret } = sim.credentials;
  const crmFiles = flags.exportCrm ? exportCrm(sim, resolve(cli.cwd, flags.exportCrm)) : [];
  if (flags.json) {
    cli.stdout.write(`${JSON.stringify({ url: sim.url, accessKey, accessKeySecret, calls: sim.company.calls.length, users: sim.company.users.length, crmFiles })}\n`);
  } else {
    cli.stdout.write(
      [
        `Gong simulator for "${sim.company.name}" listening on ${sim.url}`,
        `  ${sim.company.users.length} users, ${sim.company.calls.length.toLocaleString('en-US')} calls, ${sim.company.crm.accounts.length} CRM accounts; faults: ${flags.faults ?? 'none'}`,
        '',
        'Point pandora-gong at it (these are the simulator\'s own demo credentials, not secrets):',
        `  export GONG_BASE_URL=${sim.url}`,
        `  export GONG_API_KEY='${accessKey}:${accessKeySecret}'`,
        '  pandora-gong sync',
        ...(crmFiles.length ? [`  pandora-gong crm import ${crmFiles.join(' ')}`, '  pandora-gong link'] : []),
        '',
        `Control it: curl -X POST ${sim.url}/__simulator/advance -d '{"ms":86400000}'   (a day passes)`,
        `            curl ${sim.url}/__simulator/log                                  (what clients did)`,
        'Stop with Ctrl-C.',
        '',
      ].join('\n'),
    );
  }
  if (!cli.signal.aborted) await once(cli.signal, 'abort');
  return EXIT.ok;
}

/** `--export-crm DIR`: a directory that cannot be written is the user's to fix (exit 2). */
function exportCrm(sim: Simulator, dir: string): string[] {
  try {
    return writeCrmExport(sim.company, dir);
  } catch (error) {
    throw new ConfigError(`cannot write the CRM export into ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
