/** The SDK's own MCP client connected to the built CLI's `pandora-gong mcp`, over stdio or HTTP. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { expect } from 'vitest';
import { CLI, startCli, type RunningCli } from '../../support/run-cli.js';

export interface ToolAnswer {
  isError: boolean;
  text: string;
  /** The parsed JSON of a successful answer. */
  json: Record<string, unknown> & { syncedThrough?: string | null };
}

/** A minimal environment: no GONG_* credentials ever reach the server. */
const BASE_ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' };

export async function connectStdio(args: string[]): Promise<{ client: Client; stderr: () => string; close(): Promise<void> }> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', ...args], env: BASE_ENV, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const client = new Client({ name: 'pandora-gong-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}

/** Starts `mcp --http 0` and resolves with its URL once it says where it listens. */
export async function startHttpServer(args: string[], env: Record<string, string> = {}): Promise<{ url: string; cli: RunningCli }> {
  const cli = startCli(['mcp', '--http', '0', ...args], { env });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const match = /MCP server at (http:\/\/\S+\/mcp)/.exec(cli.stderrText());
    if (match) return { url: match[1]!, cli };
    if (cli.exitCode !== null || Date.now() > deadline) throw new Error(`the HTTP server did not start: ${cli.stderrText()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function connectHttp(url: string, token?: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(url), token === undefined ? {} : { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
  const client = new Client({ name: 'pandora-gong-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

export async function callTool(client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolAnswer> {
  const result = await client.callTool({ name, arguments: args });
  const content = result.content as { type: string; text: string }[];
  expect(content).toHaveLength(1);
  expect(content[0]!.type).toBe('text');
  const text = content[0]!.text;
  const isError = result.isError === true;
  return { isError, text, json: isError ? {} : (JSON.parse(text) as ToolAnswer['json']) };
}

/** A tool answer that must succeed. */
export async function ok(client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolAnswer['json']> {
  const answer = await callTool(client, name, args);
  expect(answer.isError, answer.text).toBe(false);
  return answer.json;
}

/** A tool answer that must be an error sentence; returns it. */
export async function refused(client: Client, name: string, args: Record<string, unknown> = {}): Promise<string> {
  const answer = await callTool(client, name, args);
  expect(answer.isError, `${name} ${JSON.stringify(args)} should be refused, got ${answer.text.slice(0, 200)}`).toBe(true);
  expect(answer.text).not.toMatch(/\n/);
  return answer.text;
}
