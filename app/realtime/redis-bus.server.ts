import { Redis } from "ioredis";
import type { Bus, BusListener, Unsubscribe } from "./bus";
import { isBusMessage, type BusMessage, type RealtimeEvent } from "./events";
import { log } from "~/lib/log.server";

/**
 * The bus across app instances: Redis pub/sub. A connection in subscriber mode can run no other
 * command, so publishing has its own connection.
 */
export class RedisBus implements Bus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly listeners = new Map<string, Set<BusListener<BusMessage>>>();
  private readonly resubscribedListeners = new Set<() => void>();
  /** The subscriber's connection closed since it was last ready: messages may have been missed. */
  private interrupted = false;
  /** The publisher has been connected once: from then on, a lost connection is an outage, not the start. */
  private publisherWasReady = false;

  constructor(url: string) {
    this.publisher = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.subscriber = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.subscriber.on("message", (channel: string, message: string) => this.deliver(channel, message));
    for (const connection of [this.publisher, this.subscriber]) {
      // ioredis reconnects by itself; without a listener an outage would crash the process.
      connection.on("error", (error: Error) => log.warn(`Realtime bus: Redis connection error (${error.message}); retrying`));
    }
    // Redis keeps no pub/sub messages for a subscriber that is away. ioredis subscribes again on
    // reconnecting; a SUBSCRIBE of our own, answered after those, says when they are in place.
    this.publisher.once("ready", () => (this.publisherWasReady = true));
    this.subscriber.on("close", () => (this.interrupted = true));
    this.subscriber.on("ready", () => {
      if (!this.interrupted) return;
      this.interrupted = false;
      void this.announceResubscribed();
    });
  }

  onResubscribed(listener: () => void): () => void {
    this.resubscribedListeners.add(listener);
    return () => this.resubscribedListeners.delete(listener);
  }

  private async announceResubscribed() {
    const channels = [...this.listeners.keys()];
    try {
      if (channels.length) await this.subscriber.subscribe(...channels);
    } catch {
      // Lost again before the answer came: the next "ready" announces it.
      return;
    }
    for (const listener of this.resubscribedListeners) listener();
  }

  async publish(channel: string, event: BusMessage): Promise<void> {
    // During an outage ioredis would hold the command for three reconnection attempts, seconds
    // apart once Redis has been away a while, and every stock webhook publishes after its commit:
    // Shopify's 5-second timeout would pass while the stock was already stored. Viewers lose
    // nothing by an event not sent: each instance's hub sees the gap and sends a snapshot instead.
    if (this.publisherWasReady && this.publisher.status !== "ready") {
      const which = "seq" in event ? `event ${event.seq}` : `the ${event.type} figures`;
      throw new Error(`Redis is unreachable (${this.publisher.status}): ${which} of show ${event.showId} was not published`);
    }
    await this.publisher.publish(channel, JSON.stringify(event));
  }

  async subscribe<M extends BusMessage = RealtimeEvent>(channel: string, listener: BusListener<M>): Promise<Unsubscribe> {
    let listeners = this.listeners.get(channel);
    if (!listeners) this.listeners.set(channel, (listeners = new Set()));
    // What one channel carries is of one kind (bus.ts): its listeners take that kind.
    const any = listener as BusListener<BusMessage>;
    listeners.add(any);
    // Redis answers SUBSCRIBE in order, so awaiting it means later publishes reach us. A second
    // SUBSCRIBE to a channel is harmless and keeps the "in place once resolved" promise simple.
    await this.subscriber.subscribe(channel);
    return async () => {
      listeners.delete(any);
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
    if (!isBusMessage(event)) {
      log.warn(`Realtime bus: ignored a malformed message on ${channel}`);
      return;
    }
    for (const listener of listeners) listener(event);
  }
}
