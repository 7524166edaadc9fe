import { Redis } from "ioredis";
import type { Bus, BusListener, Unsubscribe } from "./bus";
import { isRealtimeEvent } from "./events";

/**
 * The bus across app instances: Redis pub/sub. A connection in subscriber mode can run no other
 * command, so publishing has its own connection.
 */
export class RedisBus implements Bus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly listeners = new Map<string, Set<BusListener>>();

  constructor(url: string) {
    this.publisher = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.subscriber = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.subscriber.on("message", (channel: string, message: string) => this.deliver(channel, message));
    for (const connection of [this.publisher, this.subscriber]) {
      // ioredis reconnects by itself; without a listener an outage would crash the process.
      connection.on("error", (error: Error) => console.warn(`Realtime bus: Redis connection error (${error.message}); retrying`));
    }
  }

  async publish(channel: string, event: Parameters<Bus["publish"]>[1]): Promise<void> {
    await this.publisher.publish(channel, JSON.stringify(event));
  }

  async subscribe(channel: string, listener: BusListener): Promise<Unsubscribe> {
    let listeners = this.listeners.get(channel);
    if (!listeners) this.listeners.set(channel, (listeners = new Set()));
    listeners.add(listener);
    // Redis answers SUBSCRIBE in order, so awaiting it means later publishes reach us. A second
    // SUBSCRIBE to a channel is harmless and keeps the "in place once resolved" promise simple.
    await this.subscriber.subscribe(channel);
    return async () => {
      listeners.delete(listener);
      if (listeners.size || this.listeners.get(channel) !== listeners) return;
      this.listeners.delete(channel);
      await this.subscriber.unsubscribe(channel);
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await Promise.allSettled([this.publisher.quit(), this.subscriber.quit()]);
  }

  private deliver(channel: string, message: string) {
    const listeners = this.listeners.get(channel);
    if (!listeners?.size) return;
    let event: unknown;
    try {
      event = JSON.parse(message);
    } catch {
      event = undefined;
    }
    if (!isRealtimeEvent(event)) {
      console.warn(`Realtime bus: ignored a malformed message on ${channel}`);
      return;
    }
    for (const listener of listeners) listener(event);
  }
}
