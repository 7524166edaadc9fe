// Viewer analytics from the "Live show" block: view start, a heartbeat every 15 s while the video
// plays, product opened, add to cart, checkout. live-shows.ts loads this script once a player
// starts; it sends nothing, and records nothing, unless Shopify's Customer Privacy API says the
// shopper allows analytics: checked at every event, and again when the shopper answers the
// consent banner (visitorConsentCollected). Events are batched and sent with navigator.sendBeacon
// to the app proxy (app/routes/proxy.shows.$showId_.events.tsx) every 30 s, when the page hides,
// and at once on an add to cart or a checkout. The server places each event by its age, not by the shopper's clock.
import type { ShowBootstrap } from "../../../app/storefront/bootstrap-contract";
import type { Block } from "./shared";

type EventType = "view" | "beat" | "product" | "cart" | "checkout";

interface CustomerPrivacy {
  analyticsProcessingAllowed(): boolean;
}

const w = window as Window & {
  Shopify?: {
    customerPrivacy?: CustomerPrivacy;
    loadFeatures?: (features: { name: string; version: string }[], done: (error?: unknown) => void) => void;
  };
  liveBeacons?: true;
};

/** The server counts a heartbeat as the 15 s before it (app/analytics/viewer-activity.ts). */
const HEARTBEAT_MS = 15_000;
const SEND_MS = 30_000;
/** app/analytics/beacon-input.ts refuses a larger batch. */
const MAX_BATCH = 64;

/** One viewer of one show: the first viewer token the page got for it names the viewer for good. */
interface Viewer {
  url: string;
  token: string;
  n: number;
  queue: { n: number; type: EventType; at: number }[];
  viewed: boolean;
  opened: Set<string>;
}

const viewers = new Map<string, Viewer>();

/** Asked at every event and every send: no answer yet (the API still loading) is a no. */
function consent(): boolean {
  const privacy = w.Shopify && w.Shopify.customerPrivacy;
  const allowed = !!privacy && privacy.analyticsProcessingAllowed() === true;
  // Consent withdrawn: what was queued under it is dropped, not sent.
  if (!allowed) viewers.forEach((viewer) => (viewer.queue = []));
  return allowed;
}

function viewerOf(el: Block): Viewer | null {
  const b: ShowBootstrap | undefined = el.liveShow;
  if (!b) return null;
  let viewer = viewers.get(b.show.id);
  if (!viewer) {
    const token = new URL(b.realtime.url).searchParams.get("token");
    if (!token) return null;
    const proxy = el.dataset.proxyPath || "/apps/live";
    viewer = { url: proxy + "/shows/" + encodeURIComponent(b.show.id) + "/events", token, n: 0, queue: [], viewed: false, opened: new Set() };
    viewers.set(b.show.id, viewer);
  }
  return viewer;
}

function record(el: Block | null, type: EventType, product?: string | null): void {
  if (!el || !consent()) return;
  const viewer = viewerOf(el);
  if (!viewer) return;
  if (product) {
    if (viewer.opened.has(product)) return;
    viewer.opened.add(product);
  }
  const push = (kind: EventType) => viewer.queue.push({ n: ++viewer.n, type: kind, at: Date.now() });
  // One view per show and page, before anything else it counts: also when the player was already
  // playing when the shopper gave consent.
  if (!viewer.viewed) {
    viewer.viewed = true;
    push("view");
  }
  if (type !== "view") push(type);
}

function send(): void {
  if (!consent()) return;
  const now = Date.now();
  viewers.forEach((viewer) => {
    while (viewer.queue.length) {
      const batch = viewer.queue.splice(0, MAX_BATCH);
      const events = batch.map((event) => ({ n: event.n, type: event.type, ago: now - event.at }));
      navigator.sendBeacon(viewer.url, JSON.stringify({ token: viewer.token, events }));
    }
  });
}

const blockOf = (target: EventTarget | null) => (target instanceof Element ? (target.closest("[data-live-shows-block]") as Block | null) : null);

function watch(): void {
  const d = document;
  // Media events do not bubble, but a capturing listener on the document sees each player's.
  d.addEventListener("playing", (event) => record(blockOf(event.target), "view"), true);
  // A click or a choice (variant, quantity) on a product card opens it; its button adds to cart.
  const interact = (event: Event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const el = blockOf(target);
    // A sale's steps go out at once: checkout leaves the page, and a beacon sent while the page
    // unloads is the one most often lost.
    const step = target.closest(".live-shows__minicart a") ? "checkout" : target.closest(".live-shows__buy .live-shows__btn") ? "cart" : null;
    if (step) {
      record(el, step);
      return send();
    }
    const card = target.closest(".live-shows__card");
    if (card) record(el, "product", card.getAttribute("data-product-id"));
  };
  d.addEventListener("click", interact, true);
  d.addEventListener("change", interact, true);
  setInterval(() => {
    d.querySelectorAll("[data-live-shows-block] mux-player").forEach((player) => {
      const media = player as HTMLMediaElement;
      if (!media.paused && !media.ended) record(blockOf(player), "beat");
    });
  }, HEARTBEAT_MS);
  setInterval(send, SEND_MS);
  // Leaving (checkout is a navigation) or hiding the page: send what is queued while the page still can.
  d.addEventListener("visibilitychange", () => d.visibilityState === "hidden" && send());
  w.addEventListener("pagehide", send);
  // The shopper answered the banner: consent() reads the new answer at the next event.
  d.addEventListener("visitorConsentCollected", () => consent());
}

function start(): void {
  w.liveBeacons = true;
  watch();
  // The player that loaded this script is already playing: its view starts now.
  document.querySelectorAll("[data-live-shows-block] mux-player").forEach((player) => record(blockOf(player), "view"));
  const shopify = w.Shopify;
  if (shopify && !shopify.customerPrivacy && shopify.loadFeatures) shopify.loadFeatures([{ name: "consent-tracking-api", version: "0.1" }], () => consent());
}

// Every block on the page loads this script when its player starts; one copy watches them all.
if (!w.liveBeacons) start();
