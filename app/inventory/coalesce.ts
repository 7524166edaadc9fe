import { log } from "~/lib/log.server";

/**
 * Rate-limits a stream of values per key, keeping the last: the first value of a quiet key goes
 * out at once (a single stock change reaches viewers with no added delay), later ones within the
 * window are merged, and the window's last value goes out when it closes. A flash sale that moves
 * one variant a hundred times a second costs viewers a few events a second, each one current.
 */
export class Coalescer<T> {
  private readonly windows = new Map<string, { pending: { value: T } | null; timer: NodeJS.Timeout }>();

  constructor(
    private readonly windowMs: number,
    private readonly emit: (key: string, value: T) => Promise<void>,
  ) {}

  /** Resolves when the value went out, or at once when it was merged into the open window. */
  offer(key: string, value: T): Promise<void> {
    const open = this.windows.get(key);
    if (open) {
      open.pending = { value };
      return Promise.resolve();
    }
    this.openWindow(key);
    return this.send(key, value);
  }

  /** Sends what is pending now (for shutdown). */
  async flush(): Promise<void> {
    const sends: Promise<void>[] = [];
    for (const [key, window] of this.windows) {
      clearTimeout(window.timer);
      if (window.pending) sends.push(this.send(key, window.pending.value));
    }
    this.windows.clear();
    await Promise.all(sends);
  }

  private openWindow(key: string) {
    const window = {
      pending: null as { value: T } | null,
      timer: setTimeout(() => {
        this.windows.delete(key);
        if (!window.pending) return;
        // A value merged into this window opens the next one, so a long burst keeps its pace.
        this.openWindow(key);
        void this.send(key, window.pending.value);
      }, this.windowMs),
    };
    window.timer.unref();
    this.windows.set(key, window);
  }

  private async send(key: string, value: T): Promise<void> {
    try {
      await this.emit(key, value);
    } catch (error) {
      log.error({ err: error }, `Could not publish the coalesced update for ${key}`);
    }
  }
}
