// What travels on a show's channel. Every event carries the show's sequence number, which
// increases per show across every app instance (sequence.server.ts), so a reconnecting viewer
// can say where it stopped (Last-Event-ID).

export const SHOW_EVENT_TYPES = ["status", "encoder", "pin", "stock", "deal", "chat", "viewers"] as const;
export type ShowEventType = (typeof SHOW_EVENT_TYPES)[number];

export interface StatusEventData {
  status: string;
}

/** The encoder as Mux last told of it (shows/encoder-state.ts), apart from the show's status. */
export interface EncoderEventData {
  state: string;
  /** After a drop, when the show stops waiting for the encoder, in the shop's time ("3:04 PM"); else null. */
  reconnectUntilLabel: string | null;
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
  encoder: EncoderEventData;
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

/**
 * The control room's own figures travel on the show's private channel (privateChannel in bus.ts),
 * which only the admin stream subscribes to: orders and revenue are the merchant's, never sent to
 * the shoppers the show channel reaches. They carry no number: each states a figure's latest
 * value and replaces the one before, so a viewer who joins needs only the latest of each type.
 */
export const PRIVATE_EVENT_TYPES = ["sales", "carts", "corrections"] as const;
export type PrivateEventType = (typeof PRIVATE_EVENT_TYPES)[number];

export interface SalesEventData {
  orders: number;
  /** Formatted on the server (formatMoney), in the shop's currency. */
  revenueLabel: string;
}

export interface CartsEventData {
  /** Add-to-carts the show's viewers reported (with their consent to analytics). */
  addToCarts: number;
}

export interface CorrectionsEventData {
  /** Variants whose stock reconciliation found wrong since the show went live. */
  stockCorrections: number;
}

export interface PrivateEventPayloads {
  sales: SalesEventData;
  carts: CartsEventData;
  corrections: CorrectionsEventData;
}

export interface PrivateEvent<T extends PrivateEventType = PrivateEventType> {
  showId: string;
  type: T;
  data: PrivateEventPayloads[T];
}

/** What the bus carries: numbered show events on a show's channel, private ones on its private channel. */
export type BusMessage = RealtimeEvent | PrivateEvent;

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

export function isPrivateEvent(value: unknown): value is PrivateEvent {
  if (typeof value !== "object" || value === null) return false;
  const event = value as Partial<PrivateEvent> & { seq?: unknown };
  return (
    typeof event.showId === "string" &&
    event.seq === undefined &&
    PRIVATE_EVENT_TYPES.includes(event.type as PrivateEventType) &&
    typeof event.data === "object" &&
    event.data !== null
  );
}

export function isBusMessage(value: unknown): value is BusMessage {
  return isRealtimeEvent(value) || isPrivateEvent(value);
}
