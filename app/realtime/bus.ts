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
  close(): Promise<void>;
}

/** One channel per show; the prefix keeps the app's channels apart on a shared Redis. */
export function showChannel(showId: string): string {
  return `live-shows:show:${showId}`;
}
