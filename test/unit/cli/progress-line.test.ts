import { describe, expect, it } from 'vitest';
import { ProgressTally } from '../../../src/cli/progress/progress-reporter.js';
import { progressLine } from '../../../src/cli/progress/tty-progress.js';

function tallyAfter(events: Parameters<ProgressTally['apply']>[0][]): ProgressTally {
  const tally = new ProgressTally();
  for (const event of events) tally.apply(event, 1000);
  return tally;
}

describe('the progress bar', () => {
  const busy = tallyAfter([
    { type: 'stream-start', stream: 'users' },
    { type: 'page', stream: 'users', records: 40, done: 40 },
    { type: 'stream-start', stream: 'calls', from: 'a', to: 'b' },
    { type: 'page', stream: 'calls', records: 100, done: 1200, total: 5000 },
    { type: 'request', endpoint: 'POST /v2/calls/extensive', attempt: 1, budgetLeft: 9955 },
    { type: 'retry', endpoint: 'POST /v2/calls/extensive', attempt: 1, delayMs: 40_000, reason: 'server-error', error: 'GongServerError', failingForMs: 0 },
  ]);

  it('names the stream once, with its count and total, and says Gong is unavailable and when it retries', () => {
    const line = progressLine(busy, 1000, '⠙', 200);
    expect(line).toBe('⠙ calls 1,200/5,000 · Gong unavailable, retrying in 40 s · 1 requests · 9,955 left today · users 40');
    expect(line).not.toMatch(/calls: calls/);
  });

  it('fits the terminal, leaving out whole parts from the least useful end', () => {
    for (const columns of [20, 40, 60, 80]) {
      const line = progressLine(busy, 1000, '⠙', columns);
      expect(line.length).toBeLessThan(columns);
      expect(line.startsWith('⠙ calls 1,200/5,000')).toBe(true);
      expect(line.endsWith(' ·')).toBe(false);
    }
    expect(progressLine(busy, 1000, '⠙', 60)).toBe('⠙ calls 1,200/5,000 · Gong unavailable, retrying in 40 s');
  });

  it('says starting before any stream, and that Gong asked to wait on a 429', () => {
    const paced = tallyAfter([{ type: 'rate-limited', endpoint: 'GET /v2/users', retryAfterMs: 20_000 }]);
    expect(progressLine(paced, 1000, '⠋', 80)).toBe('⠋ starting · Gong asked us to wait 20 s · 0 requests');
  });
});
