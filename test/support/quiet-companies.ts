import { generateCompany, type Company } from '../../src/simulator/index.js';

/**
 * Simulator companies whose data cannot change during a test: no call becomes visible, gets its
 * transcript or turns private, and no user appears or leaves, from `now` to `now + quietMs`.
 * A test that runs real-time simulators (needed for real rate limits) can then compare what it
 * synced with a clean sync at `now` on a frozen copy of the same company.
 */
export function quietCompanies(specs: readonly { seed: number; calls: number }[], startMs: number, quietMs: number): { now: number; companies: Company[] } {
  for (let now = startMs; now < startMs + 30 * 86_400_000; now += 7 * 60_000) {
    const companies = specs.map((s) => generateCompany({ seed: s.seed, calls: s.calls, now }));
    const busy = companies.some((c) => {
      const events = [
        ...c.calls.flatMap((call) => [call.visibleAt, call.transcriptReadyAt, call.becomesPrivateAt]),
        ...c.users.flatMap((u) => [u.createdMs, u.deactivatedMs]),
      ];
      return events.some((t) => t !== null && t >= now - 60_000 && t <= now + quietMs);
    });
    if (!busy) return { now, companies };
  }
  throw new Error('no quiet window found for these companies');
}
