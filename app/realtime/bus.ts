import type { BusMessage, RealtimeEvent } from "./events";

/** A channel carries one kind of message: a show's channel numbered events, its private channel private ones. */
export type BusListener<M extends BusMessage = RealtimeEvent> = (message: M) => void;
export type Unsubscribe = () => Promise<void>;

/**
 * Carries show events to every app instance. Delivery is asynchronous in every implementation
 * (a publisher never runs a subscriber's code on its own stack) and in publish order per publisher.
 */
export interface Bus {
  publish(channel: string, message: BusMessage): Promise<void>;
  /** Resolves once the subscription is in place: events published after that are delivered. */
  subscribe<M extends BusMessage = RealtimeEvent>(channel: string, listener: BusListener<M>): Promise<Unsubscribe>;
  /**
   * Calls back each time the subscriptions are in place again after the connection was lost
   * (Redis restarted): whatever was published meanwhile did not arrive. Answers a function that
   * stops the calls. A bus that cannot lose its connection has no such method.
   */
  onResubscribed?(listener: () => void): () => void;
  close(): Promise<void>;
}

/** One channel per show; the prefix keeps the app's channels apart on a shared Redis. */
export function showChannel(showId: string): string {
  return `live-shows:show:${showId}`;
}

/**
 * The show's figures for the control room alone (orders, revenue): only the admin stream
 * subscribes to it, so nothing on it reaches a shopper.
 */
export function privateChannel(showId: string): string {
  return `live-shows:show-private:${showId}`;
}
