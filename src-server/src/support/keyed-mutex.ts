/** Runs tasks with the same key one after another (the flow engine holds one flow's requests to one at a time). */
export interface KeyedLock {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/**
 * KeyedLock in memory, for one process: the flow service serialises every request of one flow through it (on SQLite),
 * so two parallel code guesses cannot both read "4 attempts used" and a password cannot be set twice at once.
 * On PostgreSQL several instances share the flows, and store/advisory-lock.ts holds the key in the database instead.
 */
export class KeyedMutex implements KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      // Forget the key once nothing else queued behind this task, so the map does not grow with every flow.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
