/**
 * A FIFO async mutex. `run(fn)` waits for every earlier holder to finish, then runs `fn`.
 *
 * @example
 * const mutex = new AsyncMutex();
 * await mutex.run(async () => writeSomething());
 */
export class AsyncMutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** One mutex per key, shared across the process (for example one per database file). */
export class KeyedMutex {
  private readonly mutexes = new Map<string, AsyncMutex>();

  for(key: string): AsyncMutex {
    let mutex = this.mutexes.get(key);
    if (!mutex) {
      mutex = new AsyncMutex();
      this.mutexes.set(key, mutex);
    }
    return mutex;
  }
}
