// What travels on a show's channel. Every event carries the show's sequence number, which
// increases per show across every app instance (sequence.server.ts), so a reconnecting viewer
// can say where it stopped (Last-Event-ID).

export const SHOW_EVENT_TYPES = ["status", "pin", "stock", "deal", "chat", "viewers"] as const;
export type ShowEventType = (typeof SHOW_EVENT_TYPES)[number];

export interface StatusEventData {
  status: string;
}

export interface PinEventData {
  /** The pinned product's GID, or null when the pin is cleared. */
  productId: string | null;
}

export interface StockEventData {
  variantId: string;
  productId: string;
  /** Units sellable online; null when the variant does not track inventory (always available). */
  available: number | null;
  inStock: boolean;
}

export interface ViewersEventData {
  count: number;
}

/** Deal and chat payloads belong to their capabilities; the channel carries them as they are. */
export interface ShowEventPayloads {
  status: StatusEventData;
  pin: PinEventData;
  stock: StockEventData;
  deal: Record<string, unknown>;
  chat: Record<string, unknown>;
  viewers: ViewersEventData;
}

export interface RealtimeEvent<T extends ShowEventType = ShowEventType> {
  showId: string;
  seq: number;
  type: T;
  data: ShowEventPayloads[T];
}

export function isRealtimeEvent(value: unknown): value is RealtimeEvent {
  if (typeof value !== "object" || value === null) return false;
  const event = value as Partial<RealtimeEvent>;
  return (
    typeof event.showId === "string" &&
    Number.isSafeInteger(event.seq) &&
    SHOW_EVENT_TYPES.includes(event.type as ShowEventType) &&
    typeof event.data === "object" &&
    event.data !== null
  );
}
