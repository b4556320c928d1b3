import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ConfigError } from '../errors.js';
import type { GongStore } from '../store/gong-store.js';
import { bearerTokenMatches, isLoopbackHost } from './bearer-token.js';
import { createMcpServer } from './create-mcp-server.js';

export interface ServeHttpOptions {
  port: number;
  /** Default 127.0.0.1. Any other than a loopback address needs `token`. */
  host?: string;
  /** `PANDORA_GONG_MCP_TOKEN`: every request must carry it as `Authorization: Bearer …`. */
  token?: string;
}

export interface RunningHttpServer {
  /** `http://host:port/mcp` */
  url: string;
  close(): Promise<void>;
}

const MCP_PATH = '/mcp';

/**
 * The MCP server over Streamable HTTP at `/mcp`, stateless: every POST gets a fresh server and
 * transport over the shared read-only store, so no session state can leak between clients and
 * nothing grows with their number. Bound to 127.0.0.1 unless told otherwise, and then only with
 * a Bearer token (product.md, "MCP server for Pandora's AI").
 *
 * @example
 * const server = await serveHttp(await openReadOnlyStore('./pandora-gong.db'), { port: 8808 });
 * console.error(`MCP at ${server.url}`); // http://127.0.0.1:8808/mcp
 * @throws ConfigError when the host is not loopback and no token is given
 */
export async function serveHttp(store: GongStore, options: ServeHttpOptions): Promise<RunningHttpServer> {
  const host = options.host ?? '127.0.0.1';
  const token = requireTokenOffLoopback(host, options.token);
  const http = createServer((req, res) => {
    handle(store, req, res, token, host).catch(() => {
      if (!res.headersSent) jsonError(res, 500, -32603, 'internal error');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', (error: NodeJS.ErrnoException) =>
      reject(new ConfigError(`cannot listen on ${host}:${options.port}: ${error.code === 'EADDRINUSE' ? 'the port is in use' : error.message}`)),
    );
    http.listen(options.port, host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}${MCP_PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}

/**
 * The token to check, if any; a host other machines can reach without one is refused.
 *
 * @example requireTokenOffLoopback('0.0.0.0', undefined) // throws ConfigError naming PANDORA_GONG_MCP_TOKEN
 * @throws ConfigError when the host is not loopback and no token is given
 */
export function requireTokenOffLoopback(host: string | undefined, token: string | undefined): string | undefined {
  const given = token === undefined || token === '' ? undefined : token;
  const where = host ?? '127.0.0.1';
  if (!isLoopbackHost(where) && given === undefined) {
    throw new ConfigError(`--host ${where} lets other machines connect: set PANDORA_GONG_MCP_TOKEN to a secret they must send as a Bearer token, or leave --host out to listen on 127.0.0.1 only`);
  }
  return given;
}

async function handle(store: GongStore, req: IncomingMessage, res: ServerResponse, token: string | undefined, host: string): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path !== MCP_PATH) return jsonError(res, 404, -32000, `not found: the MCP endpoint is ${MCP_PATH}`);
  if (token !== undefined && !bearerTokenMatches(req.headers.authorization, token)) {
    res.setHeader('WWW-Authenticate', 'Bearer');
    return jsonError(res, 401, -32001, 'unauthorized: send the PANDORA_GONG_MCP_TOKEN as Authorization: Bearer <token>');
  }
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return jsonError(res, 405, -32000, 'method not allowed: this stateless server answers POST only');
  }
  const server = createMcpServer(store);
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
    // On loopback, a web page the user visits must not reach us through DNS rebinding.
    ...(isLoopbackHost(host) ? { enableDnsRebindingProtection: true, allowedHosts: loopbackHosts(req) } : {}),
  });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res);
}

/** The Host headers a loopback listener accepts: its own address and localhost, on its port. */
function loopbackHosts(req: IncomingMessage): string[] {
  const port = req.socket.localPort;
  return ['127.0.0.1', 'localhost', '[::1]'].flatMap((h) => [h, `${h}:${port}`]);
}

function jsonError(res: ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}
