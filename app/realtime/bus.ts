import type { RealtimeEvent } from "./events";

export type BusListener = (event: RealtimeEvent) => void;
export type Unsubscribe = () => Promise<void>;

/**
 * Carries show events to every app instance. Delivery is asynchronous in every implementation
 * (a publisher never runs a subscriber's code on its own stack) and in publish order per publisher.
 */
export interface Bus {
  publish(channel: string, event: RealtimeEvent): Promise<void>;
  /** Resolves once the subscription is in place: events published after that are delivered. */
  subscribe(channel: string, listener: BusListener): Promise<Unsubscribe>;
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
