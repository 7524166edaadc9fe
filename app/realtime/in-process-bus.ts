import type { Bus, BusListener, Unsubscribe } from "./bus";
import type { RealtimeEvent } from "./events";

/** The bus of a single app instance: no network, events stay in this process. */
export class InProcessBus implements Bus {
  private readonly listeners = new Map<string, Set<BusListener>>();

  async publish(channel: string, event: RealtimeEvent): Promise<void> {
    const listeners = this.listeners.get(channel);
    if (!listeners?.size) return;
    // Delivered on a later turn, as over Redis, so a publisher never runs subscribers' code.
    const snapshot = [...listeners];
    setImmediate(() => {
      for (const listener of snapshot) listener(event);
    });
  }

  async subscribe(channel: string, listener: BusListener): Promise<Unsubscribe> {
    let listeners = this.listeners.get(channel);
    if (!listeners) this.listeners.set(channel, (listeners = new Set()));
    listeners.add(listener);
    return async () => {
      listeners.delete(listener);
      if (!listeners.size && this.listeners.get(channel) === listeners) this.listeners.delete(channel);
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
