import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { GongStore } from '../store/gong-store.js';
import { createMcpServer } from './create-mcp-server.js';

/**
 * The MCP server over stdio (how desktop clients start a local server): JSON-RPC on stdin and
 * stdout, so nothing else may ever be written to stdout. Resolves when the client closes stdin
 * or `signal` aborts.
 *
 * @example await serveStdio(await openReadOnlyStore('./pandora-gong.db'), { stdin: process.stdin, stdout: process.stdout, signal: AbortSignal.timeout(3_600_000) });
 */
export async function serveStdio(store: GongStore, io: { stdin: Readable; stdout: Writable; signal: AbortSignal }): Promise<void> {
  const server = createMcpServer(store);
  const transport = new StdioServerTransport(io.stdin, io.stdout);
  await server.connect(transport);
  const ended = Promise.race([once(io.stdin, 'end'), once(io.stdin, 'close')]);
  const aborted = io.signal.aborted ? Promise.resolve() : once(io.signal, 'abort');
  await Promise.race([ended, aborted]);
  await server.close();
}
