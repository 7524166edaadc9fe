/**
 * Runs tasks that share a key one after another, in the order they were queued, within this
 * process. Deliveries for one inventory item then apply, recompute and publish in turn, so a
 * viewer never sees an older total published after a newer one from this instance.
 */
export class SerialQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
