/**
 * When a request really leaves. A rate slot is the moment we *decide* to send; the request
 * reaches the socket later when a connection must first be opened (TCP, and on real Gong a TLS
 * handshake of 100–300 ms), and Gong counts the moment it arrives. A first request that leaves
 * late, followed on time by the next ones, is how four requests land in one second although the
 * slots were a third of a second apart (seen in the multi-worker test: 94 ms between two arrivals).
 *
 * Node's `fetch` is undici, which publishes `undici:request:create` when a request is made (in the
 * caller's async context) and `undici:client:sendHeaders` when its headers are written to the
 * socket. `observeWire(onWire, send)` runs `send` in a context that ties the first request it
 * creates to `onWire(performance.now())` at that moment. With a `fetch` that is not undici the
 * events never come, and nothing is reported: the limiter then spaces slots as before.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';

/** Told once, with `performance.now()`, when the request's headers went onto the socket. */
export type OnWire = (sentAt: number) => void;

const context = new AsyncLocalStorage<OnWire>();
/** undici's request objects still waiting for their socket, and whom to tell. */
const waiting = new WeakMap<object, OnWire>();
let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  subscribe('undici:request:create', (message) => {
    const onWire = context.getStore();
    const request = (message as { request?: object }).request;
    if (onWire && request) waiting.set(request, onWire);
  });
  subscribe('undici:client:sendHeaders', (message) => {
    const request = (message as { request?: object }).request;
    const onWire = request && waiting.get(request);
    if (!onWire) return;
    waiting.delete(request);
    onWire(performance.now());
  });
}

/**
 * Runs `send` (one `fetch`) and reports when its request went on the wire. `onWire` is called at
 * most once and must not throw (it runs inside undici's event publication).
 *
 * @example await observeWire((at) => limiter.sentLate?.(at - slotAt), () => fetch(url, init));
 */
export function observeWire<T>(onWire: OnWire, send: () => Promise<T>): Promise<T> {
  listen();
  let told = false;
  const once: OnWire = (at) => {
    if (told) return;
    told = true;
    try {
      onWire(at);
    } catch {
      // A report must never break the request it describes.
    }
  };
  return context.run(once, send);
}
