import { createServer, type Server } from 'node:http';

export interface HostileGateway {
  /** A base URL whose answers follow `mode`: 500, 401, 403, 429, html, 200, reset, hang. */
  url(mode: string): string;
  requests(): number;
  close(): Promise<void>;
}

/**
 * A misbehaving Gong (or a proxy in front of it) that quotes the request's Authorization header
 * back in every answer: in Gong's `errors[]`, in an HTML error page, in a 200 that is not JSON,
 * whole, as the bare token, and decoded (`key:secret`). Whatever it says, the client must not
 * pass any of it on to output or errors.
 */
export async function startHostileGateway(): Promise<HostileGateway> {
  let count = 0;
  const server: Server = createServer((req, res) => {
    count++;
    req.resume();
    const mode = (req.url ?? '/').split('/')[1];
    const auth = req.headers.authorization ?? '(none)';
    const bare = auth.slice(auth.indexOf(' ') + 1);
    const decoded = auth.startsWith('Basic ') ? Buffer.from(bare, 'base64').toString('utf8') : bare;
    const json = (status: number, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', 'x-echo-authorization': auth, ...headers });
      res.end(JSON.stringify({ requestId: `echo-${status}`, errors: [`upstream refused Authorization: ${auth}`, `header was ${auth}`, `token ${bare} is not valid`, `no user for ${decoded}`] }));
    };
    switch (mode) {
      case '500':
        return json(500);
      case '401':
        return json(401);
      case '403':
        return json(403);
      case '429':
        return json(429, { 'retry-after': '86400' });
      case 'html':
        res.writeHead(502, { 'content-type': 'text/html' });
        return res.end(`<html><body><h1>502 Bad Gateway</h1><pre>Authorization: ${auth}\ntoken=${bare}\ncredentials=${decoded}</pre></body></html>`);
      case '200':
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(`<html>Sign in again. Your header: ${auth} (token ${bare}, ${decoded})</html>`);
      case 'reset':
        return req.socket.destroy();
      case 'hang':
        return; // never answers
      default:
        return json(404);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: (mode) => `http://127.0.0.1:${port}/${mode}`,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
