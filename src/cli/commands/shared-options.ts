import type { Command } from 'commander';

/** Flags every command that talks to Gong takes (credentials only ever come from the environment). */
export function addGongConnectionOptions(command: Command): Command {
  return command
    .option('--base-url <url>', 'Gong API host (env GONG_BASE_URL; default https://api.gong.io)')
    .option('--rate <spec>', 'request ceiling, e.g. 3/s (default), 100/min, "3/s,100/min", or off')
    .option('--daily-budget <n>', 'requests allowed per UTC day for this Gong account (default 10000)')
    .option('--max-wait <duration>', 'longest Retry-After to wait out before stopping with exit 4 (default 5m)')
    .option('--retry-for <duration>', 'how long to keep retrying a request while Gong is unavailable (default 10m)')
    .option('--timeout <duration>', 'per-request timeout (default 120s)');
}
