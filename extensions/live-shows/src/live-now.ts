// The "Live now" embed's script: on every page while a show is live, a pill that opens a small
// muted player. It asks the app proxy for the current show's light bootstrap (no lineup) at most
// every 30 seconds per visit, so browsing the shop costs the app almost nothing. An open player
// opens again on the next page, at the live edge; a dismissed pill stays away for the visit.
import type { ShowBootstrap } from "../../../app/storefront/bootstrap-contract";
import { d, fill, json, mountPlayer, whenIdle } from "./shared";

interface Remembered {
  at: number;
  b: ShowBootstrap | null;
  open?: boolean;
  hidden?: string;
}

const KEY = "live-shows:now";
const MAX_AGE_MS = 30000;

function remembered(): Remembered | null {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) || "null");
  } catch {
    return null;
  }
}

function remember(state: Remembered) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(state));
  } catch {
    // Storage can be off (private windows); the pill then simply forgets between pages.
  }
}

function embed(el: HTMLElement) {
  const box = el.querySelector(".live-shows-pill__player") as HTMLElement;
  const pill = el.querySelector(".live-shows-pill__open") as HTMLElement;
  const known = remembered();
  const state: Remembered = known && Date.now() - known.at < MAX_AGE_MS ? known : { ...(known || {}), at: Date.now(), b: null };
  (state.b ? Promise.resolve(state.b) : json<ShowBootstrap>((el.dataset.proxyPath || "/apps/live") + "/shows/current?lite=1")).then((b) => {
    const id = b.show.id;
    state.b = b;
    remember(state);
    // A block on this page already plays the show.
    const onPage = [].some.call(d.querySelectorAll("[data-live-shows-block]"), (block: HTMLElement) => !block.dataset.showId || block.dataset.showId === id);
    // What the embed decided, for themes' styles and for tests to wait on.
    el.setAttribute("data-state", state.hidden === id ? "dismissed" : b.show.status);
    if (b.show.status !== "live" || !b.playback || onPage || state.hidden === id) return;
    (el.querySelector(".live-shows-pill__title") as HTMLElement).textContent = b.show.title;
    pill.setAttribute("aria-label", fill(el.dataset.openLabel || "{title}", { title: b.show.title }));
    el.hidden = false;
    const open = (on: boolean) => {
      box.hidden = !on;
      box.textContent = "";
      pill.setAttribute("aria-expanded", String(on));
      if (on) mountPlayer(el, box, b, true).catch(() => undefined);
      state.open = on;
      remember(state);
    };
    pill.onclick = () => open(box.hidden);
    (el.querySelector(".live-shows-pill__hide") as HTMLElement).onclick = () => {
      open(false);
      el.hidden = true;
      state.hidden = id;
      remember(state);
    };
    if (state.open) whenIdle(() => open(true));
  }, () => undefined);
}

[].forEach.call(d.querySelectorAll("[data-live-shows-embed]"), embed);
