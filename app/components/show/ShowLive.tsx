// The show page follows the show as it happens: status, the encoder, numbers and the lineup's stock from the
// show's admin stream (an EventSource on the app's own origin, opened with a ticket from
// /app/shows/:id/stream-ticket, since the session token cannot ride on an EventSource).
import { useRevalidator } from "@remix-run/react";
import { Banner, Box } from "@shopify/polaris";
import { useEffect, useMemo, useRef, useState } from "react";
import type { ControlRoomSnapshot } from "~/analytics/control-room-snapshot.server";
import type { AdminStreamTicket } from "~/analytics/control-room-stream.server";
import type { ChatEventData } from "~/chat/chat-event";
import type { ShowCounters } from "~/analytics/show-counters.server";
import type { CartsEventData, CorrectionsEventData, EncoderEventData, SalesEventData, StatusEventData, StockEventData, ViewersEventData } from "~/realtime/events";
import type { ShowStatus } from "~/shows/lifecycle";

export type LiveConnection = "connecting" | "live" | "reconnecting";

export interface ShowLive {
  connection: LiveConnection;
  status: ShowStatus;
  encoder: EncoderEventData;
  figures: ShowCounters;
  /** The stock the stream has told of, by variant GID. */
  stock: Record<string, StockEventData>;
  chat: ChatFeed;
}

/**
 * The stream's chat events, handed to whoever listens (the chat card) rather than kept in the
 * page's state, so a busy chat re-renders the chat card alone. "resync" says the stream started
 * over from a snapshot: chat events may have been missed, and the listener reloads the chat.
 */
export type ChatFeedEvent = { kind: "chat"; data: ChatEventData } | { kind: "resync" };
export interface ChatFeed {
  subscribe(listener: (event: ChatFeedEvent) => void): () => void;
}

interface Streamed {
  status?: ShowStatus;
  encoder?: EncoderEventData;
  figures?: ShowCounters;
  stock: Record<string, StockEventData>;
}

/** Waits before asking for a new ticket after a failure, longer each time it fails again. */
const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * What the loader said until the stream speaks, then what the stream says. A status change
 * revalidates the loader, so the parts the server draws for a status (the End button, the
 * preview player, the deal controls) follow; the numbers change in place.
 */
export function useShowLive(showId: string, loaded: { status: ShowStatus; encoder: EncoderEventData; counters: ShowCounters }): ShowLive {
  const [connection, setConnection] = useState<LiveConnection>("connecting");
  const [streamed, setStreamed] = useState<Streamed>({ stock: {} });
  const loadedCounters = useRef(loaded.counters);
  loadedCounters.current = loaded.counters;
  const chatListeners = useRef(new Set<(event: ChatFeedEvent) => void>());
  const chat = useMemo<ChatFeed>(
    () => ({
      subscribe(listener) {
        chatListeners.current.add(listener);
        return () => chatListeners.current.delete(listener);
      },
    }),
    [],
  );

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let failures = 0;
    let lastEventId = "";
    let ticketExpiresAt = 0;
    const tellChat = (event: ChatFeedEvent) => chatListeners.current.forEach((listener) => listener(event));
    const figure = (change: Partial<ShowCounters>) =>
      setStreamed((current) => ({ ...current, figures: { ...(current.figures ?? loadedCounters.current), ...change } }));

    const reopenLater = () => {
      source?.close();
      source = null;
      setConnection("reconnecting");
      retry = setTimeout(() => void open(), RETRY_DELAYS_MS[Math.min(failures++, RETRY_DELAYS_MS.length - 1)]);
    };

    async function open() {
      let ticket: AdminStreamTicket;
      try {
        const response = await fetch(`/app/shows/${encodeURIComponent(showId)}/stream-ticket`, { headers: { Accept: "application/json" } });
        if (!response.ok) throw new Error(`The stream ticket was refused (${response.status})`);
        ticket = (await response.json()) as AdminStreamTicket;
      } catch {
        if (!stopped) reopenLater();
        return;
      }
      if (stopped) return;
      ticketExpiresAt = Date.parse(ticket.expiresAt);
      const url = new URL(ticket.url, window.location.href);
      // A new EventSource sends no Last-Event-ID of its own: the query says where the page stopped.
      if (lastEventId) url.searchParams.set("lastEventId", lastEventId);
      const opened = new EventSource(url);
      source = opened;
      opened.onopen = () => {
        failures = 0;
        setConnection("live");
      };
      opened.onerror = () => {
        if (source !== opened) return;
        // The browser reconnects by itself, with Last-Event-ID, while the ticket is still good;
        // a refused or expired one needs a fresh ticket first.
        if (opened.readyState === EventSource.CLOSED || Date.now() >= ticketExpiresAt) reopenLater();
        else setConnection("reconnecting");
      };
      const on = <T,>(type: string, apply: (data: T) => void) =>
        opened.addEventListener(type, (event) => {
          const message = event as MessageEvent<string>;
          if (message.lastEventId) lastEventId = message.lastEventId;
          apply(JSON.parse(message.data) as T);
        });
      on<ControlRoomSnapshot>("snapshot", (snapshot) => {
        setStreamed({ status: snapshot.status as ShowStatus, encoder: snapshot.encoder, figures: snapshot.figures, stock: Object.fromEntries(snapshot.stock.map((stock) => [stock.variantId, stock])) });
        tellChat({ kind: "resync" });
      });
      on<ChatEventData>("chat", (data) => tellChat({ kind: "chat", data }));
      on<StatusEventData>("status", ({ status }) => setStreamed((current) => ({ ...current, status: status as ShowStatus })));
      on<EncoderEventData>("encoder", (encoder) => setStreamed((current) => ({ ...current, encoder })));
      on<StockEventData>("stock", (stock) => setStreamed((current) => ({ ...current, stock: { ...current.stock, [stock.variantId]: stock } })));
      on<ViewersEventData>("viewers", ({ count }) =>
        setStreamed((current) => {
          const figures = current.figures ?? loadedCounters.current;
          return { ...current, figures: { ...figures, viewersNow: count, viewersPeak: Math.max(figures.viewersPeak, count) } };
        }),
      );
      on<SalesEventData>("sales", (sales) => figure(sales));
      on<CartsEventData>("carts", (carts) => figure(carts));
      on<CorrectionsEventData>("corrections", (corrections) => figure(corrections));
    }

    void open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [showId]);

  const revalidator = useRevalidator();
  const revalidatedFor = useRef<ShowStatus | undefined>(undefined);
  useEffect(() => {
    if (!streamed.status || streamed.status === loaded.status || revalidatedFor.current === streamed.status) return;
    revalidatedFor.current = streamed.status;
    revalidator.revalidate();
  }, [streamed.status, loaded.status, revalidator]);

  return { connection, status: streamed.status ?? loaded.status, encoder: streamed.encoder ?? loaded.encoder, figures: streamed.figures ?? loaded.counters, stock: streamed.stock, chat };
}

/** Said on the page and to screen readers while the stream is away; the live parts may lag meanwhile. */
export function LiveConnectionNotice({ connection }: { connection: LiveConnection }) {
  return (
    <div role="status">
      {connection === "reconnecting" ? (
        <Box paddingBlockEnd="400">
          <Banner tone="warning" title="Reconnecting to the live show…">
            <p>The status, numbers and stock on this page may be a little behind until the connection is back.</p>
          </Banner>
        </Box>
      ) : null}
    </div>
  );
}
