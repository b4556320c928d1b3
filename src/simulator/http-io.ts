/**
 * Reading requests and writing responses, including the transport-level faults: a socket reset
 * before or in the middle of a response, a body cut short of its Content-Length, and a 200 whose
 * body is not JSON.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The whole request body (Gong's request bodies are small JSON documents).
 *
 * @example const raw = await readBody(req);
 */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export type Transport = { kind: 'normal' } | { kind: 'reset'; mode: 'before' | 'mid' } | { kind: 'truncate' } | { kind: 'malformed' };

export interface Outgoing {
  status: number;
  headers: Record<string, string>;
  body: string;
  contentType?: string;
}

/**
 * Sends `out`, or breaks it the way `transport` says. Resolves with the status and body bytes
 * announced (status 0 when nothing was sent), once the response is finished or the socket gone.
 *
 * @example await writeResponse(req, res, { status: 200, headers: {}, body: '{}' }, { kind: 'truncate' });
 */
export function writeResponse(req: IncomingMessage, res: ServerResponse, out: Outgoing, transport: Transport): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve) => {
    // A client that gave up (its timeout fired during a slow answer) never lets the write finish:
    // settle anyway, so the request is still logged and nothing waits forever.
    if (res.destroyed || req.socket.destroyed) {
      resolve({ status: out.status, bytes: 0 });
      return;
    }
    res.once('close', () => resolve({ status: out.status, bytes: res.writableFinished ? Buffer.byteLength(out.body) : 0 }));
    if (transport.kind === 'reset' && transport.mode === 'before') {
      req.socket.destroy();
      resolve({ status: 0, bytes: 0 });
      return;
    }
    let status = out.status;
    let body = out.body;
    if (transport.kind === 'malformed') {
      // Cut well before the end: a JSON document missing its closing brackets can never parse.
      status = 200;
      body = body.slice(0, Math.max(1, Math.floor(body.length * 0.6)));
    }
    const bytes = Buffer.byteLength(body);
    res.writeHead(status, {
      ...out.headers,
      'content-type': out.contentType ?? 'application/json; charset=utf-8',
      'content-length': String(bytes),
    });
    if (transport.kind === 'truncate' || transport.kind === 'reset') {
      const cut = Buffer.from(body).subarray(0, Math.floor(bytes / (transport.kind === 'truncate' ? 2 : 3)));
      res.write(cut, () => {
        res.socket?.destroy();
        resolve({ status, bytes });
      });
      return;
    }
    res.end(body, () => resolve({ status, bytes }));
  });
}

/**
 * Waits in real time (slow responses, `latencyMs`).
 *
 * @example await delay(800);
 */
export function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}
