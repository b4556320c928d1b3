/**
 * Every request the simulator served (admin requests aside), so tests and benchmarks can check
 * what a client did: how many requests per endpoint, which faults hit, whether a cursor was sent,
 * and the busiest second (a client must stay at or under 3 requests a second, docs/gong-api.md §2.5).
 */

export interface RequestLogEntry {
  /** 1-based order of arrival. */
  seq: number;
  /** Simulated arrival time, epoch ms. */
  at: number;
  method: string;
  /** Path without the query string. */
  path: string;
  /** `METHOD /route` such as `POST /v2/calls/extensive` or `GET /v2/calls/{id}`; null for unknown paths. */
  endpoint: string | null;
  /** HTTP status sent; 0 when the socket was reset before a status line. */
  status: number;
  /** The fault injected, if any. */
  fault: string | null;
  requestId: string;
  /** Bytes of the request body. */
  requestBytes: number;
  /** Bytes of the response body as declared in Content-Length (0 for a reset). */
  responseBytes: number;
  /** Length of `filter.callIds`, when the request had one. */
  callIds: number | null;
  /** Whether the request carried a cursor where Gong reads it (query for GET, body for POST). */
  cursor: boolean;
  /** Real milliseconds from arrival to the last byte (or the reset). */
  durationMs: number;
}

/**
 * @example
 * sim.log.count('POST /v2/calls/transcript'); sim.log.peakPerSecond(); sim.log.reset();
 */
export class RequestLog {
  private list: RequestLogEntry[] = [];
  private nextSeq = 1;

  /** Assigns the next sequence number; entries are added when their response is done. */
  take(): number {
    return this.nextSeq++;
  }

  add(entry: RequestLogEntry): void {
    this.list.push(entry);
  }

  /** Entries in order of arrival. */
  get entries(): readonly RequestLogEntry[] {
    return [...this.list].sort((a, b) => a.seq - b.seq);
  }

  /** Requests to one endpoint key (`'POST /v2/calls/extensive'`), or all of them. */
  count(endpoint?: string): number {
    return endpoint === undefined ? this.list.length : this.list.filter((e) => e.endpoint === endpoint).length;
  }

  /** Requests per endpoint key; unknown paths count under `METHOD path`. */
  countsByEndpoint(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const e of this.list) {
      const key = e.endpoint ?? `${e.method} ${e.path}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  /**
   * The most requests whose simulated arrival falls in any one 1-second window [t, t + 1000),
   * found with a sliding window over the sorted arrival times.
   */
  peakPerSecond(endpoint?: string): number {
    const times = this.list
      .filter((e) => endpoint === undefined || e.endpoint === endpoint)
      .map((e) => e.at)
      .sort((a, b) => a - b);
    let peak = 0;
    for (let lo = 0, hi = 0; hi < times.length; hi++) {
      while (times[hi]! - times[lo]! >= 1000) lo++;
      peak = Math.max(peak, hi - lo + 1);
    }
    return peak;
  }

  reset(): void {
    this.list = [];
  }

  toJSON(): { entries: readonly RequestLogEntry[]; counts: Record<string, number>; total: number; peakPerSecond: number } {
    return { entries: this.entries, counts: this.countsByEndpoint(), total: this.count(), peakPerSecond: this.peakPerSecond() };
  }
}
