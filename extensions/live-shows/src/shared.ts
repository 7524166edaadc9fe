// What the block's script (live-shows.ts) and the embed's (live-now.ts) both need. src/build.ts
// bundles each script with what it uses from here into one self-contained file.
import type { ShowBootstrap } from "../../../app/storefront/bootstrap-contract";

export type Strings = Record<string, string>;
type Kid = Node | string | null | undefined | false | 0;
type Attrs = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;
type Tag<K extends string> = K extends keyof HTMLElementTagNameMap ? HTMLElementTagNameMap[K] : HTMLElement;
export type Player = HTMLElement & { currentTime: number; muted: boolean; play(): Promise<void> };
/** A block's element carries the show it draws, for the scripts it loads later (live-beacons.ts, live-chat.ts). */
export type Block = HTMLElement & {
  liveShow?: ShowBootstrap;
  /** The show's event stream, which the chat's script (live-chat.ts) listens to as well: one connection per viewer. */
  liveStream?: EventSource | null;
};

export const d = document;
export type MountPlayer = (box: HTMLElement, b: ShowBootstrap, muted: boolean) => Promise<Player>;
export const w = window as Window & {
  Shopify?: { routes?: { root?: string } };
  /** The player's chunk (live-player.js), fetched once per page whichever script asks first, and what it defines. */
  liveShowsChunk?: Promise<unknown>;
  liveShowsMount?: MountPlayer;
};
/** The storefront's root, with the market's language prefix (/sv/) when there is one. */
export const root = (w.Shopify && w.Shopify.routes && w.Shopify.routes.root) || "/";

/**
 * An element. `attrs` holds attributes and `on…` listeners, or is just the class; class names are
 * written without the block's prefix ("btn btn--quiet" → "live-shows__btn live-shows__btn--quiet").
 */
export function h<K extends string>(tag: K, attrs?: string | Attrs | null, ...kids: Kid[]): Tag<K> {
  const el = d.createElement(tag) as Tag<K>;
  const all: Attrs = typeof attrs === "string" ? { class: attrs } : attrs || {};
  for (const name in all) {
    const value = all[name];
    if (typeof value === "function") el.addEventListener(name.slice(2), value);
    else if (name === "class") el.className = String(value).replace(/\S+/g, "live-shows__$&");
    else if (value != null && value !== false) el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const kid of kids) if (kid) el.append(kid);
  return el;
}

/** A button that is never a form's submit button, whatever the theme wraps the block in. */
export function button(attrs: string | Attrs, text: string, onclick?: () => void): HTMLButtonElement {
  const el = h("button", attrs, text);
  el.type = "button";
  if (onclick) el.onclick = onclick;
  return el;
}

/** "Only {count} left" with { count: 3 } → "Only 3 left". */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * GET, or POST with a JSON body. A refusal rejects with the answer's JSON (its reason); one that
 * is not JSON (a proxy's error page) rejects with the parse error, which has no reason.
 */
export function json<T>(url: string, body?: unknown): Promise<T> {
  return fetch(url, {
    method: body ? "POST" : "GET",
    headers: { "content-type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  }).then((response) => (response.ok ? response.json() : response.json().then((error) => Promise.reject(error))));
}

/** The words Liquid translated into the storefront's language (the block's data-live-shows-strings script). */
export function strings(el: HTMLElement): Strings {
  const script = el.querySelector("[data-live-shows-strings]");
  return JSON.parse((script && script.textContent) || "{}");
}

/** Fetches and runs a script (an inserted script is async by itself). */
export const load = (url: string) =>
  new Promise((resolve, reject) => {
    d.head.append(h("script", { src: url, onload: resolve, onerror: reject }));
  });

/**
 * Runs `fn` once, when the page has loaded and the browser is idle or, sooner, when the shopper
 * first touches, clicks, scrolls or types: a player nobody asked for (a live show scrolled into
 * view, a mini player reopening on the next page) never competes with the page's own first paint.
 */
export function whenIdle(fn: () => void) {
  let done = 0;
  const go = () => done++ || fn();
  const idle = () => (w.requestIdleCallback ? w.requestIdleCallback(go, { timeout: 3000 }) : setTimeout(go, 1));
  "pointerdown keydown scroll".split(" ").forEach((type) => w.addEventListener(type, go));
  if (d.readyState === "complete") idle();
  else w.addEventListener("load", idle);
}

/** Puts a playing <mux-player> first in `box`, with the player's chunk (live-player.ts). */
export function mountPlayer(el: HTMLElement, box: HTMLElement, b: ShowBootstrap, muted: boolean): Promise<Player> {
  w.liveShowsChunk = w.liveShowsChunk || load(el.dataset.playerSrc as string);
  return w.liveShowsChunk.then(() => (w.liveShowsMount as MountPlayer)(box, b, muted));
}
