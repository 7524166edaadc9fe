/**
 * Applies submitted work in batches, one batch at a time: whatever arrives while a batch is
 * being applied goes into the next one. A lone caller waits for no timer; under load each batch
 * carries everything that queued meanwhile, so a database commit is shared by many requests.
 */
export class Batcher<Item, Outcome> {
  private queue: Array<{ item: Item; resolve: (outcome: Outcome) => void; reject: (error: unknown) => void }> = [];
  private draining = false;

  constructor(
    /** Answers one outcome per item, in the items' order. */
    private readonly apply: (items: Item[]) => Promise<Outcome[]>,
    private readonly options: {
      maxBatch?: number;
      /** Whether a batch that failed this way might succeed item by item (false: the cause is shared, such as a database that is down). */
      mayFailAlone?: (error: unknown) => boolean;
    } = {},
  ) {}

  submit(item: Item): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain() {
    this.draining = true;
    // Requests read in the same turn of the event loop join the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.options.maxBatch ?? 256);
      await this.settle(batch);
    }
    this.draining = false;
  }

  private async settle(batch: typeof this.queue) {
    try {
      const outcomes = await this.apply(batch.map((entry) => entry.item));
      batch.forEach((entry, index) => entry.resolve(outcomes[index] as Outcome));
    } catch (error) {
      if (batch.length === 1 || this.options.mayFailAlone?.(error) === false) {
        for (const entry of batch) entry.reject(error);
        return;
      }
      // One bad item must not fail the others: apply them again one at a time.
      for (const entry of batch) await this.settle([entry]);
    }
  }
}
