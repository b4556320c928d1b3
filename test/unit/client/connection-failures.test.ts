import { describe, expect, it } from 'vitest';
import { GongClient } from '../../../src/client/gong-client.js';
import { ConfigError, GongConnectionError } from '../../../src/errors.js';

const quick = { apiKey: 'key:secret', rateLimit: false as const, budget: false as const, retry: { baseDelayMs: 1, maxDelayMs: 2, retryForMs: 50 } };

describe('connection failures', () => {
  it('does not retry what cannot change: a port fetch refuses, a host that does not exist', async () => {
    for (const [baseUrl, reason] of [['http://127.0.0.1:9', 'fetch refuses to use this port'], ['http://no-such-host.invalid', 'the host name does not exist']] as const) {
      const events: string[] = [];
      const gong = new GongClient({ ...quick, baseUrl, onEvent: (e) => events.push(e.type) });
      const error = await gong.users().toArray().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toBe(`cannot connect to ${baseUrl} (${reason}): check --base-url / GONG_BASE_URL`);
      expect(events.filter((e) => e === 'request')).toHaveLength(1);
    }
  });

  it('retries a refused connection (Gong may be restarting), then names the host and the cause', async () => {
    const { createServer } = await import('node:net');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const events: string[] = [];
    const gong = new GongClient({ ...quick, baseUrl: `http://127.0.0.1:${port}`, onEvent: (e) => events.push(e.type) });
    const error = await gong.users().toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GongConnectionError);
    expect((error as Error).message).toMatch(new RegExp(`^cannot connect to http://127\\.0\\.0\\.1:${port} for GET /v2/users \\(.*ECONNREFUSED`));
    expect(events.filter((e) => e === 'request').length).toBeGreaterThan(1);
  });
});
