// Collects what happens to a show's chat for one short window, then hands it over at once: the
// first item for a show opens its window, and everything until it closes goes out together.
// Kept per app instance; each instance sends its own windows (chat-broadcast.server.ts).

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class WindowBatcher<T> {
  private readonly open = new Map<string, { items: T[]; timer: unknown }>();
  /** Windows closed by their timer and still being sent: a flush waits for them too. */
  private readonly sending = new Set<Promise<void>>();

  constructor(
    private readonly windowMs: number,
    private readonly send: (key: string, items: T[]) => Promise<void>,
    private readonly timers: Timers = realTimers,
  ) {}

  add(key: string, item: T): void {
    const window = this.open.get(key);
    if (window) {
      window.items.push(item);
      return;
    }
    const timer = this.timers.setTimeout(() => void this.close(key), this.windowMs);
    this.open.set(key, { items: [item], timer });
  }

  /** Sends every open window now (shutdown, and tests that do not wait for the clock). */
  async flush(): Promise<void> {
    await Promise.all([...this.open.keys()].map((key) => this.close(key)));
    await Promise.all(this.sending);
  }

  private async close(key: string): Promise<void> {
    const window = this.open.get(key);
    if (!window) return;
    this.open.delete(key);
    this.timers.clearTimeout(window.timer);
    const sent = this.send(key, window.items).finally(() => this.sending.delete(sent));
    this.sending.add(sent);
    await sent;
  }
}
