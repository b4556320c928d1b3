/**
 * The pending-transcripts queue without a database: what the store keeps in `gong_calls`,
 * `gong_transcripts` and `transcript_pending`, reduced to what the next read needs, so it rides
 * in the emitted state (docs/pipelines.md, "Late transcripts").
 *
 * - `awaiting`: calls read with no transcript yet, still worth asking for, each with the parties
 *   and user names that will name its speakers when the transcript arrives (a later read may not
 *   read that call again);
 * - `done`: calls whose transcript was emitted or given up on, by day of the call's start, so a
 *   call the lookback or the privacy re-check reads again is not asked for again. Days older than
 *   `horizonMs` are forgotten: no window reaches back that far, and the store would not ask
 *   for a call that old either (it gives up on calls older than 30 days).
 */
import type { SpeakerDirectory, SpeakerParty, SpeakerUser } from '../sync/sink/sync-sink.js';
import { parseInstant, utcDay } from '../util/time.js';

export interface AwaitingCall {
  id: string;
  startedAt: string;
  parties: SpeakerParty[];
  users: SpeakerUser[];
}

/** The queue as it is written in the state. */
export interface TranscriptQueueState {
  awaiting: AwaitingCall[];
  /** Call ids by UTC day of their start. */
  done: Record<string, string[]>;
}

export class TranscriptQueue {
  readonly #awaiting = new Map<string, AwaitingCall>();
  readonly #done = new Map<string, string>();

  constructor(state?: TranscriptQueueState) {
    for (const call of state?.awaiting ?? []) this.#awaiting.set(call.id, call);
    for (const [day, ids] of Object.entries(state?.done ?? {})) for (const id of ids) this.#done.set(id, day);
  }

  /** A call was read: it waits for its transcript unless it has one or was given up on. */
  offer(call: { id: string; startedAt: string }, parties: SpeakerParty[], users: SpeakerUser[]): boolean {
    if (this.#done.has(call.id)) return false;
    this.#awaiting.set(call.id, { id: call.id, startedAt: call.startedAt, parties, users });
    return true;
  }

  /** Calls no longer kept (turned private): never asked for. */
  drop(ids: readonly string[]): boolean {
    let changed = false;
    for (const id of ids) changed = this.#awaiting.delete(id) || changed;
    return changed;
  }

  /** The transcript arrived, or the call is given up on. */
  settle(id: string, startedAt?: string): void {
    const call = this.#awaiting.get(id);
    this.#awaiting.delete(id);
    const at = call?.startedAt ?? startedAt;
    this.#done.set(id, at ? utcDay(parseInstant(at) ?? 0) : utcDay(Date.now()));
  }

  has(id: string): boolean {
    return this.#awaiting.has(id);
  }

  /** What names the speakers of these awaiting calls. */
  directory(ids: readonly string[]): SpeakerDirectory {
    const parties = new Map<string, SpeakerParty[]>();
    const users = new Map<string, SpeakerUser>();
    for (const id of ids) {
      const call = this.#awaiting.get(id);
      if (!call) continue;
      parties.set(id, call.parties);
      for (const user of call.users) users.set(user.id, user);
    }
    return { parties, users };
  }

  /** Awaiting calls in `(startedAt, id)` order after `after`, like the store's keyset read. */
  page(limit: number, after?: { startedAt: string; id: string }): { id: string; startedAt: string }[] {
    const sorted = [...this.#awaiting.values()].sort((a, b) => compare(a, b));
    const rest = after ? sorted.filter((c) => compare(c, after) > 0) : sorted;
    return rest.slice(0, limit).map((c) => ({ id: c.id, startedAt: c.startedAt }));
  }

  get awaitingCount(): number {
    return this.#awaiting.size;
  }

  /** The queue as state, forgetting settled calls that started before `horizonStart` (epoch ms). */
  toState(horizonStart: number): TranscriptQueueState {
    const oldest = utcDay(horizonStart);
    const done: Record<string, string[]> = {};
    for (const [id, day] of this.#done) {
      if (day < oldest) {
        this.#done.delete(id);
        continue;
      }
      (done[day] ??= []).push(id);
    }
    for (const ids of Object.values(done)) ids.sort();
    return { awaiting: [...this.#awaiting.values()].sort(compare), done };
  }
}

function compare(a: { startedAt: string; id: string }, b: { startedAt: string; id: string }): number {
  return a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
