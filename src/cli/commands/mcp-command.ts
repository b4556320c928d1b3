import type { Command } from 'commander';
import { once } from 'node:events';
import { ConfigError } from '../../errors.js';
import { requireTokenOffLoopback, serveHttp } from '../../mcp/serve-http.js';
import { serveStdio } from '../../mcp/serve-stdio.js';
import { openReadOnlyStore } from '../../store/open-read-only-store.js';
import { positiveIntOption } from '../cli-options.js';
import type { CliRuntime } from '../cli-runtime.js';
import { setting } from '../env-config.js';
import { EXIT } from '../exit-codes.js';
import { dbLocation } from '../open-cli-store.js';

interface McpFlags {
  db?: string;
  connection?: string;
  http?: string;
  host?: string;
}

/**
 * `pandora-gong mcp [--db URL] [--connection NAME] [--http PORT] [--host H]` (product.md, "MCP
 * server for Pandora's AI"; docs/mcp.md): the synced data served to AI agents, read-only, on
 * stdio or Streamable HTTP. No Gong credentials are read: the server never calls Gong.
 */
export function registerMcpCommand(program: Command, cli: CliRuntime, run: (fn: () => Promise<number>) => Promise<void>): void {
  program
    .command('mcp')
    .description('serve the synced calls to AI agents over the Model Context Protocol (read-only; stdio, or HTTP with --http)')
    .option('--db <path|url>', 'SQLite file or postgres:// URL (env PANDORA_GONG_DB; default ./pandora-gong.db)')
    .option('--connection <name>', 'multi-tenant PostgreSQL: whose data to serve (env PANDORA_GONG_CONNECTION; default: the single-company data)')
    .option('--http <port>', 'serve Streamable HTTP at http://HOST:PORT/mcp instead of stdio (0 picks a free port)')
    .option('--host <host>', 'address to listen on with --http (default 127.0.0.1; any other needs PANDORA_GONG_MCP_TOKEN)')
    .action((flags: McpFlags) =>
      run(async () => {
        const env = cli.env();
        const port = flags.http === undefined ? undefined : positiveIntOption('--http', flags.http, { allowZero: true });
        if (port !== undefined && port > 65_535) throw new ConfigError(`--http ${port} is not a port (0 to 65535)`);
        if (flags.host !== undefined && port === undefined) throw new ConfigError('--host needs --http PORT: stdio has no address');
        const token = env.PANDORA_GONG_MCP_TOKEN;
        // Refused before the database is touched: a server others could reach needs a token.
        if (port !== undefined) requireTokenOffLoopback(flags.host, token);
        const connectionId = setting(flags.connection, env, 'PANDORA_GONG_CONNECTION');
        const store = await openReadOnlyStore(dbLocation(flags.db, cli), connectionId ? { connectionId } : {});
        try {
          if (port === undefined) {
            await serveStdio(store, { stdin: process.stdin, stdout: cli.stdout, signal: cli.signal });
            return EXIT.ok;
          }
          const server = await serveHttp(store, { port, host: flags.host, token });
          // stdout stays free for data; where to connect is a progress line.
          cli.stderr.write(`pandora-gong: MCP server at ${server.url} (${store.engine.location}${connectionId ? `, connection ${connectionId}` : ''}); Ctrl-C stops it\n`);
          if (!cli.signal.aborted) await once(cli.signal, 'abort');
          await server.close();
          return EXIT.ok;
        } finally {
          await store.close();
        }
      }),
    );
}
