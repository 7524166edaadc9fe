import type { Bus, BusListener, Unsubscribe } from "./bus";
import type { BusMessage, RealtimeEvent } from "./events";

/** The bus of a single app instance: no network, events stay in this process. */
export class InProcessBus implements Bus {
  private readonly listeners = new Map<string, Set<BusListener<BusMessage>>>();

  async publish(channel: string, event: BusMessage): Promise<void> {
    const listeners = this.listeners.get(channel);
    if (!listeners?.size) return;
    // Delivered on a later turn, as over Redis, so a publisher never runs subscribers' code.
    const snapshot = [...listeners];
    setImmediate(() => {
      for (const listener of snapshot) listener(event);
    });
  }

  async subscribe<M extends BusMessage = RealtimeEvent>(channel: string, listener: BusListener<M>): Promise<Unsubscribe> {
    let listeners = this.listeners.get(channel);
    if (!listeners) this.listeners.set(channel, (listeners = new Set()));
    // What one channel carries is of one kind (bus.ts): its listeners take that kind.
    const any = listener as BusListener<BusMessage>;
    listeners.add(any);
    return async () => {
      listeners.delete(any);
      if (!listeners.size && this.listeners.get(channel) === listeners) this.listeners.delete(channel);
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
