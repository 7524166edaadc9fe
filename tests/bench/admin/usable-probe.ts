// The moment an embedded admin page becomes usable, as the page itself sees it: a script Chromium
// runs in the app's iframe before any of the app's own, which reports (through a Playwright
// binding) the first moment at which
//   1. the page's main heading (an <h1> with the expected text) is rendered and visible on
//      screen (an IntersectionObserver's notification, timed at the frame that showed it), and
//   2. React has committed the page's hydration (its first commit, seen through the hook React
//      calls on every commit — the hook React DevTools installs), and
//   3. the page's named control (a button or link, by its accessible name) carries React's click
//      handler, so a click at that moment runs the app's code, and
//   4. App Bridge is ready (window.shopify.ready has resolved), so that control's request can
//      carry a session token and the admin's title bar and menu respond.
// The conditions are checked on every animation frame and on every React commit, never by reading
// layout: a layout forced while the page is still parsing would cost it time it does not spend
// otherwise. Times are epoch milliseconds at microsecond resolution (performance.timeOrigin +
// performance.now()), so the harness subtracts the admin page's own time origin: the figure runs
// from the admin page's navigation start.
// Kept as a string: Playwright sends a function's source to the browser, and tsx adds helpers
// to compiled functions that do not exist there.

export const USABLE_BINDING = "__benchAdminUsable";

export interface UsableTarget {
  /** The text of the page's <h1>. */
  heading: string;
  /** The accessible name (aria-label, else text) of a button or link that must respond. */
  control: string;
}

export interface FrameResource {
  name: string;
  initiator: string;
  /** Milliseconds from the iframe's time origin. */
  start: number;
  end: number;
  /** Bytes over the network (0 from the HTTP cache; 0 too for cross-origin without Timing-Allow-Origin). */
  transferred: number;
  /** The body's size when known (same-origin, or cross-origin with Timing-Allow-Origin). */
  decoded: number;
}

export interface UsableReport {
  /** Epoch ms (microsecond resolution) of each moment. */
  usableAt: number;
  headingAt: number;
  hydratedAt: number;
  appBridgeReadyAt: number;
  /** The iframe's time origin (its navigation start). */
  frameOrigin: number;
  /** The iframe's document, in ms from frameOrigin. */
  document: { requestStart: number; responseStart: number; responseEnd: number; domContentLoaded: number };
  resources: FrameResource[];
}

export function usableProbe(target: UsableTarget): string {
  return `(() => {
  "use strict";
  if (window.top === window) return;
  const target = ${JSON.stringify(target)};
  const epoch = () => performance.timeOrigin + performance.now();
  let hydratedAt = 0;
  let headingAt = 0;
  let appBridgeReadyAt = 0;
  let awaitingAppBridge = false;
  let reported = false;
  // React looks for this hook when react-dom loads and calls it on every commit (production builds too).
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    renderers: new Map(),
    supportsFiber: true,
    isDisabled: false,
    inject(renderer) { const id = this.renderers.size + 1; this.renderers.set(id, renderer); return id; },
    onScheduleFiberRoot() {},
    onCommitFiberRoot() { if (!hydratedAt) hydratedAt = epoch(); check(); },
    onPostCommitFiberRoot() {},
    onCommitFiberUnmount() {},
    checkDCE() {},
  };
  const nameOf = (element) => (element.getAttribute("aria-label") || element.textContent || "").trim();
  // Told after the rendering update in which a heading entered the viewport (style and layout are
  // clean then); entry.time is that frame's time.
  const headings = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (headingAt || !entry.isIntersecting || entry.intersectionRect.height <= 0) continue;
      if (entry.target.textContent.trim() !== target.heading) continue;
      if (!entry.target.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      headingAt = performance.timeOrigin + entry.time;
      check();
    }
  });
  const watched = new WeakSet();
  function watchHeadings() {
    for (const heading of document.querySelectorAll("h1")) {
      if (watched.has(heading) || heading.textContent.trim() !== target.heading) continue;
      watched.add(heading);
      headings.observe(heading);
    }
  }
  function controlResponds() {
    for (const element of document.querySelectorAll("button, a[href]")) {
      if (nameOf(element) !== target.control) continue;
      const key = Object.keys(element).find((name) => name.startsWith("__reactProps$"));
      if (key && typeof element[key].onClick === "function") return true;
    }
    return false;
  }
  function awaitAppBridge() {
    // App Bridge's script is the first in the page's head; window.shopify exists once it ran.
    if (awaitingAppBridge || !window.shopify || !window.shopify.ready) return;
    awaitingAppBridge = true;
    window.shopify.ready.then(() => { appBridgeReadyAt = epoch(); check(); });
  }
  function check() {
    if (reported || !document.body) return;
    awaitAppBridge();
    if (!headingAt) watchHeadings();
    if (!headingAt || !hydratedAt || !appBridgeReadyAt || !controlResponds()) return;
    reported = true;
    const usableAt = epoch();
    const nav = performance.getEntriesByType("navigation")[0];
    const resources = performance.getEntriesByType("resource").map((entry) => ({
      name: entry.name, initiator: entry.initiatorType, start: entry.startTime, end: entry.responseEnd,
      transferred: entry.transferSize, decoded: entry.decodedBodySize,
    }));
    window.${USABLE_BINDING}({
      usableAt, headingAt, hydratedAt, appBridgeReadyAt, frameOrigin: performance.timeOrigin,
      document: { requestStart: nav.requestStart, responseStart: nav.responseStart, responseEnd: nav.responseEnd, domContentLoaded: nav.domContentLoadedEventStart },
      resources,
    });
  }
  const frame = () => { check(); if (!reported) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
})();`;
}
