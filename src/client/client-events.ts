/**
 * What the client reports while it works, for progress bars, logs and tests. Events carry
 * endpoints (`METHOD /path`), never query values, bodies or headers, so they are safe to log.
 */

export type ClientEvent =
  /** An attempt is about to go on the wire. */
  | {
      type: 'request';
      endpoint: string;
      attempt: number;
      /** Requests left in today's budget once this attempt is counted (when there is a budget). */
      budgetLeft?: number;
    }
  /** Gong answered (any status). `ms` is the time to the whole body. */
  | { type: 'response'; endpoint: string; attempt: number; status: number; ms: number; requestId: string | undefined }
  /** The attempt failed without an HTTP answer (reset, refused, timeout). */
  | { type: 'network-error'; endpoint: string; attempt: number; error: string; ms: number }
  /** Gong answered 429. */
  | { type: 'rate-limited'; endpoint: string; retryAfterMs: number | undefined }
  /** The retry loop will try again after `delayMs`. */
  | {
      type: 'retry';
      endpoint: string;
      attempt: number;
      delayMs: number;
      reason: string;
      error: string;
      /** How long this request has been failing (0 when Gong is only pacing us with 429s). */
      failingForMs: number;
    }
  /** The throttle held a request back for `waitedMs` (reported from 50 ms on). */
  | { type: 'throttle-wait'; endpoint: string; waitedMs: number };

export type ClientEventListener = (event: ClientEvent) => void;

/** Wraps a listener so that a throwing listener can never break a request. */
export function safeListener(listener: ClientEventListener | undefined): ClientEventListener {
  if (!listener) return () => {};
  return (event) => {
    try {
      listener(event);
    } catch {
      // A listener is an observer: its bugs must not turn into failed syncs.
    }
  };
}
