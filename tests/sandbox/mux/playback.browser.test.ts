// The acceptance that matters for playback: a real browser on another origin plays the live
// stream and the replay with hls.js (the engine inside <mux-player>). Needs Debian's
// chromium; skipped where it is not installed.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import Mux from "@mux/mux-node";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxMux } from "../config";
import { Router, sendText, startHttpServer, type RunningServer } from "../http";
import { startMuxEmulator, type MuxEmulator } from "./index";

const CHROMIUM = "/usr/bin/chromium";
const resolvePackage = createRequire(import.meta.url).resolve;
const hlsScript = () => readFileSync(resolvePackage("hls.js/dist/hls.min.js"), "utf8");
// The package's exports map hides its browser bundle; it sits beside the CommonJS entry.
const muxPlayerScript = () => readFileSync(path.join(path.dirname(resolvePackage("@mux/mux-player")), "mux-player.js"), "utf8");

let emulator: MuxEmulator;
let storefront: RunningServer;
let browser: Browser;
let mux: Mux;

/** A page on its own origin, like a storefront, that plays `?src=` with hls.js. */
function playerPage(): string {
  return `<!doctype html><meta charset="utf-8"><video muted playsinline></video>
<script src="/hls.min.js"></script>
<script>
  const video = document.querySelector("video");
  window.playback = { errors: [], live: undefined };
  const hls = new Hls({ lowLatencyMode: true });
  hls.on(Hls.Events.ERROR, (_event, data) => { if (data.fatal) window.playback.errors.push(data.details); });
  hls.on(Hls.Events.LEVEL_LOADED, (_event, data) => { window.playback.live = data.details.live; });
  hls.loadSource(new URLSearchParams(location.search).get("src"));
  hls.attachMedia(video);
  video.play().catch(() => {});
</script>`;
}

/**
 * What the storefront does: <mux-player> given the sandbox's URLs as `src` and `poster`
 * (a playback-id would send it to stream.mux.com) with Mux Data tracking off.
 */
function muxPlayerPage(): string {
  return `<!doctype html><meta charset="utf-8"><script src="/mux-player.js"></script>
<mux-player stream-type="live" muted autoplay disable-tracking disable-cookies></mux-player>
<script>
  const player = document.querySelector("mux-player");
  const query = new URLSearchParams(location.search);
  window.playback = { errors: [] };
  player.addEventListener("error", () => window.playback.errors.push(String(player.error?.message ?? "error")));
  player.poster = query.get("poster");
  player.src = query.get("src");
</script>`;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  emulator = await startMuxEmulator();
  mux = new Mux({ tokenId: sandboxMux.tokenId, tokenSecret: sandboxMux.tokenSecret, baseURL: emulator.url, maxRetries: 0 });
  const scripts = { hls: hlsScript(), muxPlayer: muxPlayerScript() };
  const router = new Router()
    .add("GET", "/", (_request, response) => sendText(response, 200, playerPage()))
    .add("GET", "/mux-player", (_request, response) => sendText(response, 200, muxPlayerPage()))
    .add("GET", "/hls.min.js", (_request, response) => sendText(response, 200, scripts.hls, "text/javascript"))
    .add("GET", "/mux-player.js", (_request, response) => sendText(response, 200, scripts.muxPlayer, "text/javascript"));
  storefront = await startHttpServer(router, { name: "storefront" });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required"],
  });
});
afterAll(async () => {
  await browser?.close();
  await storefront?.close();
  await emulator?.close();
});

async function play(src: string, minimumSeconds: number) {
  const page = await browser.newPage();
  try {
    // Another origin than the emulator's (both are 127.0.0.1, the ports differ): CORS applies.
    await page.goto(`${storefront.url}/?src=${encodeURIComponent(src)}`);
    await waitForPlayback(page, "video", minimumSeconds);
    return await page.evaluate(() => {
      const video = document.querySelector("video")!;
      const { live } = (window as unknown as { playback: { live: boolean } }).playback;
      return { width: video.videoWidth, height: video.videoHeight, duration: video.duration, live };
    });
  } finally {
    await page.close();
  }
}

/** Waits until the element's currentTime passes `seconds`, failing on the first fatal player error. */
async function waitForPlayback(page: Page, selector: string, seconds: number) {
  await page.waitForFunction(
    ({ selector, seconds }) => {
      const state = (window as unknown as { playback: { errors: string[] } }).playback;
      if (state.errors.length) throw new Error(`player: ${state.errors.join(", ")}`);
      return ((document.querySelector(selector) as HTMLMediaElement | null)?.currentTime ?? 0) > seconds;
    },
    { selector, seconds },
    { timeout: 20_000, polling: 100 },
  );
}

describe.skipIf(!existsSync(CHROMIUM))("playback in a browser", () => {
  it("plays the live stream while it is live, then the replay", { timeout: 60_000 }, async () => {
    const stream = await mux.video.liveStreams.create({
      playback_policy: ["public"],
      new_asset_settings: { playback_policy: ["public"] },
      latency_mode: "low",
      reconnect_window: 60,
    });
    await emulator.connectEncoder(stream.id);

    // Four seconds of play needs segments written after the page loaded: the player has to
    // follow the sliding live playlist, not just the segments that existed at the start.
    const live = await play(emulator.playbackUrl(stream.playback_ids![0]!.id), 4);
    expect(live).toMatchObject({ width: 320, height: 180, live: true });

    await emulator.disconnectEncoder(stream.id, { immediate: true });
    const asset = await mux.video.assets.retrieve((await mux.video.liveStreams.retrieve(stream.id)).recent_asset_ids![0]!);
    const replay = await play(emulator.playbackUrl(asset.playback_ids![0]!.id), 0.5);
    expect(replay.live).toBe(false);
    expect(replay.duration).toBeGreaterThan(4);
    expect(Math.abs(replay.duration - asset.duration!)).toBeLessThan(0.5);
  });

  it("plays in <mux-player> with the sandbox's src and poster", { timeout: 60_000 }, async () => {
    const stream = await mux.video.liveStreams.create({ playback_policy: ["public"], latency_mode: "low" });
    await emulator.connectEncoder(stream.id);
    const playbackId = stream.playback_ids![0]!.id;
    const page = await browser.newPage();
    try {
      const posters: number[] = [];
      page.on("response", (response) => {
        if (response.url() === emulator.posterUrl(playbackId)) posters.push(response.status());
      });
      const query = new URLSearchParams({ src: emulator.playbackUrl(playbackId), poster: emulator.posterUrl(playbackId) });
      await page.goto(`${storefront.url}/mux-player?${query}`);
      await waitForPlayback(page, "mux-player", 2);
      expect(posters).toContain(200);
    } finally {
      await page.close();
      await emulator.disconnectEncoder(stream.id, { immediate: true });
    }
  });
});
