/**
 * Runs tasks that share a key one after another, in the order they were queued, within this
 * process. Deliveries for one inventory item then apply, recompute and publish in turn, so a
 * viewer never sees an older total published after a newer one from this instance.
 */
export class SerialQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.runAll([key], task);
  }

  /** Runs the task after the work queued for every one of the keys, and before what comes next for any of them. */
  runAll<T>(keys: readonly string[], task: () => Promise<T>): Promise<T> {
    const unique = [...new Set(keys)];
    const previous = Promise.all(unique.map((key) => this.tails.get(key)));
    const result = previous.then(task);
    const tail = result.catch(() => undefined);
    for (const key of unique) this.tails.set(key, tail);
    void tail.then(() => {
      for (const key of unique) if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
