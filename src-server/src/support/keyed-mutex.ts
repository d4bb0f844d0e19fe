/**
 * Runs tasks with the same key one after another. The flow service serialises every request of one flow through this,
 * so two parallel code guesses cannot both read "4 attempts used" and a password cannot be set twice at once.
 * The server is one process, so an in-memory queue is enough.
 */
export class KeyedMutex {
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
