// The "Live show" block's script: plain DOM, no dependencies. src/build.ts turns it into
// assets/live-shows.js (ES2019, minified), which must stay within 10,000 bytes: Shopify's theme
// check refuses a larger app block script, and the storefront must not get slower for it.
// It draws a show from the app proxy's bootstrap, follows the show's event stream, and sells
// through the storefront's own AJAX cart, so the viewer never leaves the stream. The Mux player
// (about 1 MB) is fetched only when the viewer presses play, or when a live show is on screen and
// the page has loaded and gone idle (or the shopper has started to use it); until then the show's
// poster stands in at the player's size, with a play button.
// Each block's state lives in block()'s closure, which the minifier can shorten to single letters.
import type { ShowBootstrap, StorefrontChapter, StorefrontProduct, StorefrontVariant } from "../../../app/storefront/bootstrap-contract";
import { button, d, fill, h, json, load, mountPlayer, root, strings, w, whenIdle, type Block, type Player } from "./shared";

/** The words blocks/live-show.liquid hands over, translated. */
type Words =
  | "watch_live" | "watch_replay" | "live" | "rehearsal" | "starts_at" | "starts_in" | "starting" | "add_to_calendar"
  | "remind_me" | "email" | "reminder_saved" | "reminder_check" | "reminder_later" | "reminder_failed" | "ended" | "empty" | "error" | "products" | "chapters"
  | "now_showing" | "now_showing_announce" | "variant" | "quantity" | "add_to_cart" | "adding" | "added" | "cart_error"
  | "sold_out" | "only_left" | "cart" | "cart_empty" | "total" | "checkout" | "deal" | "deal_ends";

/** A variant's stock: from the bootstrap (the variant itself) or from a stock event. */
type Stock = Pick<StorefrontVariant, "available" | "inStock">;
type StockEvent = Stock & { variantId: string };

interface Card {
  el: HTMLElement;
  p: StorefrontProduct;
  update(announce?: boolean): void;
}

interface CartJson {
  item_count: number;
  total_price: number;
  currency: string;
  attributes: Record<string, string>;
  items: Array<{ quantity: number; product_title: string; variant_title: string | null }>;
}

/** The line property (and cart attribute) that names the show; commissions read exactly this name. */
const SHOW_PROPERTY = "_live_show";
const EVENTS = "snapshot status pin stock deal".split(" ");
const query = new URLSearchParams(location.search);
const encode = encodeURIComponent;
/** This page, for the links the app writes back to it (a calendar entry, a reminder email). */
const here = location.origin + location.pathname;

// One clock for every countdown on the page.
const ticks = new Set<() => void>();
let clock = 0;
function ticking(fn: () => void): () => void {
  ticks.add(fn);
  fn();
  clock = clock || w.setInterval(() => ticks.forEach((tick) => tick()), 1000);
  return fn;
}

const numberFormat = (lang: string | undefined, options: Intl.NumberFormatOptions, value: number) => new Intl.NumberFormat(lang, options).format(value);

/** 7384 s → "2:03:04", 184 s → "3:04": digits read the same in every language. */
function duration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const pad = (n: number) => (n < 10 ? ":0" : ":") + n;
  return (hours ? hours + pad(Math.floor((total % 3600) / 60)) : Math.floor(total / 60)) + pad(total % 60);
}

function block(el: Block) {
  const s = strings(el) as Record<Words, string>;
  const data = el.dataset;
  const lang = data.locale || undefined;
  const proxy = data.proxyPath || "/apps/live";
  // A show's private preview link (?live_show=…&live_preview=…) opens that show in this block. A
  // previewer rehearses: what they add to the cart names no show, so it earns nobody a commission.
  const linked = query.get("live_show");
  const id = linked && (!data.showId || data.showId === linked) ? linked : data.showId || "current";
  const preview = id === linked && query.get("live_preview");
  // The buyer's country and language, written by Liquid, so prices come in the buyer's market.
  const url = proxy + "/shows/" + encode(id) + "?" + data.context + (preview ? "&preview=" + encode(preview) : "");
  const find = (name: string) => el.querySelector(".live-shows__" + name) as HTMLElement;
  const stage = find("stage");
  const scroll = find("scroll");
  const announcer = find("announcer");
  const banner = h("div", "deal");
  const cartButton = button({ class: "btn btn--quiet", "aria-expanded": "false" }, "");
  const mini = h("div", "minicart");
  const cards = new Map<string, Card>();
  const stock = new Map<string, Stock>();
  const showPath = () => proxy + "/shows/" + encode(b.show.id);
  /** A storefront path, through Shopify's discount link while a deal runs, so its code is applied. */
  const viaDeal = (path: string) => (b.deal ? root + "discount/" + encode(b.deal.code) + "?redirect=" + encode(root + path) : root + path);
  let b: ShowBootstrap;
  let chapterButtons: HTMLButtonElement[] = [];
  let player: Promise<Player> | null = null;
  let pinned: string | null = null;
  let seen = false;
  let skew = 0;
  let stream: EventSource | null = null;
  let lastId = "";
  let poll = 0;
  let countdown: (() => void) | null = null;
  let dealTick: (() => void) | null = null;

  const say = (text: string) => (announcer.textContent = text);
  const live = () => b.show.status === "live";
  const stockOf = (variant: StorefrontVariant): Stock => stock.get(variant.id) || variant;

  // ---------------------------------------------------------------- the rail

  function makeCard(p: StorefrontProduct): Card {
    const sel = p.singleVariant ? null : h("select", null, ...p.variants.map((variant) => h("option", { value: variant.id }, variant.title)));
    const qty = h("input", { type: "number", min: 1, max: 99, value: 1 });
    const add = button("btn", "");
    const price = h("p", "price");
    const note = h("p", "note");
    let said = "";
    let busy = false;
    // Shopify gives every product at least one variant.
    const first = p.variants[0] as StorefrontVariant;
    const variant = () => p.variants.filter((candidate) => sel && candidate.id === sel.value)[0] || first;
    const update = (announce?: boolean) => {
      const chosen = variant();
      const left = stockOf(chosen);
      if (sel) {
        p.variants.forEach((candidate, index) => {
          const option = sel.options[index] as HTMLOptionElement;
          option.disabled = !stockOf(candidate).inStock;
          option.textContent = candidate.title + (option.disabled ? " – " + s.sold_out : "");
        });
      }
      add.disabled = busy || !left.inStock;
      add.textContent = busy ? s.adding : left.inStock ? s.add_to_cart : s.sold_out;
      // Honest urgency: a note only below the merchant's threshold, never a made-up number.
      // (null > 0 is false: an untracked variant never runs low.)
      const low = left.inStock && (left.available as number) > 0 && (left.available as number) < b.lowStockThreshold;
      note.textContent = low ? fill(s.only_left, { count: left.available as number }) : "";
      price.textContent = chosen.price.formatted;
      if (chosen.compareAt) price.append(h("s", null, chosen.compareAt.formatted));
      const state = left.inStock ? note.textContent : s.sold_out;
      if (announce && state && state !== said) say(p.title + ": " + state);
      said = state;
    };
    add.onclick = () => {
      const chosen = variant();
      busy = true;
      update();
      json(root + "cart/add.js", {
        items: [{ id: chosen.cartId, quantity: Math.max(1, Math.min(99, +qty.value | 0)), properties: preview ? {} : { [SHOW_PROPERTY]: b.show.id } }],
      })
        .then(() => refreshCart(!preview))
        // Shopify's discount link stores a running deal's code for checkout; fetched, the viewer stays here.
        .then(() => b.deal && fetch(viaDeal("cart.js")))
        .then(() => say(fill(s.added, { title: p.title })))
        .catch((error: { description?: string }) => say((error && error.description) || s.cart_error))
        .then(() => {
          busy = false;
          update();
        });
    };
    if (sel) {
      sel.value = (p.variants.filter((candidate) => stockOf(candidate).inStock)[0] || first).id;
      sel.onchange = () => update();
    }
    const card = {
      el: h(
        "li",
        { class: "card", "data-product-id": p.productId },
        p.image ? h("img", { src: p.image.url, alt: "", loading: "lazy" }) : h("span"),
        h(
          "div",
          "body",
          // Shown by the stylesheet while the card is the pinned one.
          h("span", "pin", s.now_showing),
          h("h3", null, p.title),
          price,
          h("div", "buy", sel && h("label", "field", s.variant, sel), h("label", "field", s.quantity, qty), add),
          note,
        ),
      ),
      p,
      update,
    };
    update();
    return card;
  }

  function setPin(productId: string | null, announce: boolean) {
    const changed = productId !== pinned;
    pinned = productId;
    cards.forEach((card, key) => {
      const on = key === productId;
      card.el.classList.toggle("is-pinned", on);
      card.el.setAttribute("aria-current", "" + on);
    });
    const card = productId && cards.get(productId);
    if (!card || !changed) return;
    // Scroll the rail only, never the page the shopper is reading.
    // Smoothly unless the shopper asked for less motion: the stylesheet's scroll-behavior decides.
    const at = card.el.getBoundingClientRect();
    const rail = card.el.parentElement as HTMLElement;
    scroll.scrollBy(0, at.top - scroll.getBoundingClientRect().top - 48);
    rail.scrollBy(at.left - rail.getBoundingClientRect().left, 0);
    if (announce) say(fill(s.now_showing_announce, { title: card.p.title }));
  }

  function drawPanel() {
    cards.clear();
    pinned = null;
    const rail = h("ul", { class: "rail", "aria-label": s.products });
    b.lineup.forEach((p) => {
      const card = makeCard(p);
      cards.set(p.productId, card);
      rail.append(card.el);
    });
    chapterButtons = b.chapters.map((chapter) =>
      button({}, duration(chapter.startTime * 1000) + " " + chapter.title, () => watch(true).then((playing) => (playing.currentTime = chapter.startTime))),
    );
    scroll.replaceChildren(
      h("div", "bar", h("p", "heading", s.products), cartButton),
      chapterButtons.length ? h("ul", { class: "chapters", "aria-label": s.chapters }, ...chapterButtons.map((chapter) => h("li", null, chapter))) : "",
      rail,
    );
    setPin(b.pinnedProductId, false);
  }

  // ---------------------------------------------------------------- the cart, inside the player

  function refreshCart(tag?: boolean): Promise<void> {
    const showId = b.show.id;
    return json<CartJson>(root + "cart.js")
      .then((cart) => (tag && cart.attributes[SHOW_PROPERTY] !== showId ? json<CartJson>(root + "cart/update.js", { attributes: { [SHOW_PROPERTY]: showId } }) : cart))
      .then((cart) => {
        const count = cart.item_count;
        cartButton.textContent = fill(s.cart, { count });
        // A running deal's code rides along to checkout.
        const checkout = viaDeal("checkout");
        mini.replaceChildren(
          ...(count
            ? [
                h("ul", null, ...cart.items.map((item) => h("li", null, item.quantity + " × " + item.product_title + (item.variant_title ? " – " + item.variant_title : "")))),
                h("p", null, s.total + ": " + numberFormat(lang, { style: "currency", currency: cart.currency }, cart.total_price / 100)),
                h("a", { class: "btn", href: checkout }, s.checkout),
              ]
            : [h("p", null, s.cart_empty)]),
        );
      });
  }

  // ---------------------------------------------------------------- the stage

  /** In a replay the rail follows the playhead: the chapter playing is the product shown. */
  function follow(playing: Player) {
    let current: StorefrontChapter | undefined;
    b.chapters.forEach((chapter) => {
      if (chapter.startTime <= playing.currentTime + 0.5) current = chapter;
    });
    chapterButtons.forEach((chapter, index) => chapter.setAttribute("aria-current", "" + (b.chapters[index] === current)));
    if (current) setPin(current.productId, true);
  }

  /** A live show on screen plays by itself, muted, once the page is idle. */
  function autoplay() {
    if (seen && live()) whenIdle(() => seen && watch(false));
  }

  function watch(byViewer: boolean): Promise<Player> {
    if (!player) {
      // Mounted first in the stage, the player hides the poster, badge and overlay (see the stylesheet).
      player = mountPlayer(el, stage, b, !byViewer).then((playing) => {
        // Viewer analytics, sent only with the shopper's consent: see live-beacons.ts.
        load(data.beacons as string);
        // The chat (live-chat.ts, its own budget) comes with the player, when the block shows one.
        if (data.chatSrc) load(data.chatSrc);
        if (b.show.status === "replay_ready") playing.addEventListener("timeupdate", () => follow(playing));
        return playing;
      });
    } else if (byViewer) {
      player.then((playing) => playing.play()).catch(() => undefined);
    }
    return player;
  }

  function drawDeal() {
    const deal = b.deal;
    if (dealTick) ticks.delete(dealTick);
    banner.hidden = !deal;
    banner.replaceChildren();
    if (!deal) return;
    const off = deal.percentOff !== null ? numberFormat(lang, { style: "percent", maximumFractionDigits: 2 }, deal.percentOff / 100) : deal.amountOff;
    const left = h("span", { role: "timer" });
    banner.append(h("span", null, fill(s.deal, { off: off || "", code: deal.code })), left);
    dealTick = ticking(() => {
      const ms = Date.parse(deal.endsAt) - Date.now() - skew;
      left.textContent = fill(s.deal_ends, { time: duration(ms) });
      // The deal is over: the banner goes (and with it this tick).
      if (ms <= 0 && b.deal === deal) {
        b.deal = null;
        drawDeal();
      }
    });
  }

  function remind(box: HTMLElement) {
    const done = (text: string) => {
      box.replaceChildren(h("p", "meta", text));
      say(text);
    };
    // An email is reminded only once its owner confirms it: the answer says a confirmation went out.
    const send = (email?: string) =>
      json<{ confirm?: boolean }>(showPath() + "/reminders", { email, locale: lang, page: here }).then(
        (answer) => done(answer.confirm ? s.reminder_check : s.reminder_saved),
        (refusal?: { reason?: string }) => done(refusal && refusal.reason == "rate_limited" ? s.reminder_later : s.reminder_failed),
      );
    if (b.reminder.signedIn) return send(data.customerEmail);
    const input = h("input", { type: "email", required: true, autocomplete: "email", "aria-label": s.email, placeholder: s.email });
    box.replaceChildren(
      h(
        "form",
        {
          class: "remind",
          onsubmit: (event: Event) => {
            event.preventDefault();
            send(input.value);
          },
        },
        input,
        h("button", "btn", s.remind_me),
      ),
    );
    input.focus();
  }

  function drawStage() {
    const status = b.show.status;
    if (countdown) ticks.delete(countdown);
    player = null;
    const overlay = h("div", "overlay", h("p", "title", b.show.title));
    stage.replaceChildren(b.poster ? h("img", { class: "poster", src: b.poster, alt: "" }) : "", status === "live" ? h("span", "badge", s.live) : "", overlay, banner);
    if (b.show.rehearsal) overlay.append(h("p", "meta", s.rehearsal));
    if (status === "scheduled") {
      const starts = Date.parse(b.show.startsAt);
      const timer = h("p", { class: "timer", role: "timer" });
      const box = h("div", "actions");
      box.append(
        h("a", { class: "btn btn--quiet", download: true, href: showPath() + "/calendar.ics?url=" + encode(here) }, s.add_to_calendar),
        b.reminder.saved ? h("p", "meta", s.reminder_saved) : button("btn", s.remind_me, () => remind(box)),
      );
      const when = new Intl.DateTimeFormat(lang, { dateStyle: "full", timeStyle: "short" }).format(starts);
      overlay.append(h("p", "meta", h("time", { datetime: b.show.startsAt }, fill(s.starts_at, { time: when }))), timer, box);
      countdown = ticking(() => {
        const ms = starts - Date.now() - skew;
        // Within a day a countdown; further out the date says enough.
        timer.textContent = ms > 864e5 ? "" : ms > 0 ? fill(s.starts_in, { time: duration(ms) }) : s.starting;
      });
    } else if (b.playback) {
      overlay.append(button("play", status === "live" ? s.watch_live : s.watch_replay, () => watch(true)));
      autoplay();
    } else {
      overlay.append(h("p", "meta", s.ended));
    }
  }

  // ---------------------------------------------------------------- keeping up with the show

  function adopt(next: ShowBootstrap) {
    b = el.liveShow = next;
    // The app's clock decides when a show starts or a deal ends, whatever the shopper's says.
    skew = Date.parse(next.serverTime) - Date.now();
    el.setAttribute("data-status", next.show.status);
    next.lineup.forEach((p) => p.variants.forEach((variant) => stock.set(variant.id, variant)));
  }

  function refresh(): Promise<void> {
    return json<ShowBootstrap>(url).then((next) => {
      const old = b;
      const lineup = (x: ShowBootstrap) => x.lineup.map((p) => p.productId) + "" + x.chapters.length;
      adopt(next);
      const other = old.show.id !== next.show.id;
      if (other) {
        lastId = "";
        connect(0);
      }
      if (other || old.show.status !== next.show.status) drawStage();
      if (other || lineup(old) !== lineup(next)) drawPanel();
      else {
        cards.forEach((card) => card.update(true));
        if (live()) setPin(next.pinnedProductId, true);
      }
      drawDeal();
    });
  }

  const quietly = () => refresh().catch(() => undefined);

  function later() {
    // A crowd gets the same event at once; spreading their refetches spares the app.
    setTimeout(quietly, Math.random() * 1500);
  }

  function receive(type: string, event: { [key: string]: unknown }) {
    if (type === "snapshot" || type === "stock") {
      ((type === "stock" ? [event] : event.stock) as StockEvent[]).forEach((item) => stock.set(item.variantId, item));
      cards.forEach((card) => card.update(true));
    }
    if (type === "snapshot" && (event.show as { status: string }).status !== b.show.status) later();
    // A snapshot (after a reconnect that missed too much) carries the pin as it stands.
    if (live() && (type === "pin" || type === "snapshot")) setPin((type === "pin" ? event.productId : event.pinnedProductId) as string | null, type === "pin");
    if ((type === "status" && event.status !== b.show.status) || type === "deal") later();
  }

  function polling(on: boolean) {
    if (on && !poll) poll = w.setInterval(quietly, 15000);
    if (!on && poll) {
      clearInterval(poll);
      poll = 0;
    }
  }

  /** The show's events. EventSource resumes with Last-Event-ID by itself; a stream closed for good is ours to retry. */
  function connect(fails: number) {
    if (stream) stream.close();
    if (!("EventSource" in w)) return polling(true);
    const source = new EventSource(b.realtime.url + (lastId ? "&lastEventId=" + lastId : ""));
    stream = el.liveStream = source;
    EVENTS.forEach((type) =>
      source.addEventListener(type, (event) => {
        if (stream !== source) return;
        lastId = (event as MessageEvent).lastEventId || lastId;
        fails = 0;
        polling(false);
        receive(type, JSON.parse((event as MessageEvent).data));
      }),
    );
    source.onerror = () => {
      // Refused (an expired viewer token), blocked or gone: back off, refetch, poll meanwhile.
      if (source.readyState !== 2 || stream !== source) return;
      if (++fails > 2) polling(true);
      const retry = () => stream === source && connect(fails);
      setTimeout(() => refresh().then(retry, retry), Math.min(30000, 1000 * 2 ** fails) * (0.5 + Math.random() / 2));
    };
  }

  const toggleCart = (open: boolean) => {
    mini.hidden = !open;
    cartButton.setAttribute("aria-expanded", "" + open);
  };
  cartButton.onclick = () => toggleCart(mini.hidden);
  // Escape closes the mini cart and gives focus back to its button.
  mini.onkeydown = (event) => {
    if (event.key === "Escape") {
      toggleCart(false);
      cartButton.focus();
    }
  };
  banner.hidden = mini.hidden = true;
  find("panel").append(mini);
  json<ShowBootstrap>(url).then(
    (first) => {
      adopt(first);
      drawStage();
      drawPanel();
      drawDeal();
      connect(0);
      refreshCart().catch(() => undefined);
      new IntersectionObserver(
        (entries) => {
          seen = (entries[0] as IntersectionObserverEntry).isIntersecting;
          autoplay();
        },
        { threshold: 0.5 },
      ).observe(stage);
    },
    (error: { reason?: string }) => {
      stage.replaceChildren(h("p", "placeholder", error && error.reason ? s.empty : s.error));
    },
  );
}

[].forEach.call(d.querySelectorAll("[data-live-shows-block]"), block);
