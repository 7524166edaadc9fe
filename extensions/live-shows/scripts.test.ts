// The storefront scripts' budget: each app block script within Shopify's 10,000-byte limit for
// theme app extensions (theme check's AssetSizeAppBlockJavaScript), everything a page with the
// block loads within 10 KB gzipped, and the committed assets exactly what src/ builds to.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { STOREFRONT_SCRIPTS, buildScript, scriptAsset } from "./src/build";

const THEME_CHECK_LIMIT_BYTES = 10_000;
const GZIP_BUDGET_BYTES = 10 * 1024;

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
    const total = STOREFRONT_SCRIPTS.reduce((sum, name) => sum + gzipped(committed[name] as Buffer), 0);
    expect(total).toBeLessThanOrEqual(GZIP_BUDGET_BYTES);
  });

  it.each(STOREFRONT_SCRIPTS)("assets/%s.js is a plain script that leaves the player to be fetched", (name) => {
    const code = committed[name]?.toString("utf8") ?? "";
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    // The player bundle is fetched by URL at play time, never carried inside the loader.
    expect(code).not.toContain("customElements.define");
    expect(code).toContain('whenDefined("mux-player")');
  });
});
