// The storefront scripts' budget: each app block script within Shopify's 10,000-byte limit for
// theme app extensions (theme check's AssetSizeAppBlockJavaScript), everything a page with the
// block loads within 10 KB gzipped, and the committed assets exactly what src/ builds to.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { STOREFRONT_SCRIPTS, buildScript, scriptAsset } from "./src/build";

const THEME_CHECK_LIMIT_BYTES = 10_000;
const GZIP_BUDGET_BYTES = 10 * 1024;
/** Scripts a page loads up front; the others are fetched later, and have budgets of their own. */
const UP_FRONT = ["live-shows", "live-now"] as const;
/** The player's chunk stands between a viewer's press on play and the player: one small request. */
const PLAYER_CHUNK_BUDGET_BYTES = 1_500;
/** The beacons come after the player (about 1 MB); still, a viewer's phone pays for every byte. */
const BEACONS_BUDGET_BYTES = 2_500;
/** The chat comes with the player too, and is what a viewer on a phone waits for to talk: 4 KB gzipped. */
const CHAT_BUDGET_GZIP_BYTES = 4 * 1024;

const committed = Object.fromEntries(STOREFRONT_SCRIPTS.map((name) => [name, readFileSync(scriptAsset(name))]));
const gzipped = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

describe("storefront scripts", () => {
  it.each(STOREFRONT_SCRIPTS)("assets/%s.js is what src/ builds (run `npx tsx extensions/live-shows/src/build.ts`)", async (name) => {
    expect(committed[name]?.toString("utf8")).toBe(await buildScript(name));
  });

  it.each(STOREFRONT_SCRIPTS)("assets/%s.js fits Shopify's app block script limit", (name) => {
    expect(committed[name]?.length).toBeLessThanOrEqual(THEME_CHECK_LIMIT_BYTES);
  });

  it("a page with the block and the embed loads at most 10 KB of script, gzipped", () => {
    const total = UP_FRONT.reduce((sum, name) => sum + gzipped(committed[name] as Buffer), 0);
    expect(total).toBeLessThanOrEqual(GZIP_BUDGET_BYTES);
  });

  it.each(UP_FRONT)("assets/%s.js is a plain script that leaves the player to be fetched", (name) => {
    const code = committed[name]?.toString("utf8") ?? "";
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    // The player's chunk is fetched by URL at play time, and the player bundle by the chunk.
    expect(code).not.toContain("customElements");
    expect(code).not.toContain("mux-player");
    expect(code).toContain("playerSrc");
  });

  it("assets/live-player.js is small and plain, and fetches the player bundle rather than carrying it", () => {
    const code = committed["live-player"]?.toString("utf8") ?? "";
    expect(code.length).toBeLessThanOrEqual(PLAYER_CHUNK_BUDGET_BYTES);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toContain("customElements.define");
    expect(code).toContain('whenDefined("mux-player")');
  });

  it("assets/live-beacons.js is small, plain, and sends only with sendBeacon after asking for consent", () => {
    const code = committed["live-beacons"]?.toString("utf8") ?? "";
    expect(code.length).toBeLessThanOrEqual(BEACONS_BUDGET_BYTES);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/\bfetch\(|XMLHttpRequest|new Image/);
    expect(code).toContain("sendBeacon");
    expect(code).toContain("analyticsProcessingAllowed");
  });

  it("assets/live-chat.js is small, plain, and never writes markup", () => {
    const code = committed["live-chat"] as Buffer;
    expect(gzipped(code)).toBeLessThanOrEqual(CHAT_BUDGET_GZIP_BYTES);
    const text = code.toString("utf8");
    expect(text).not.toMatch(/^\s*(import|export)\s/m);
    // Viewers' words are text: nothing in the chat parses a string as HTML.
    expect(text).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment/);
  });
});
