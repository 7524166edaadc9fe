// The encoder switch and fault switches over HTTP, as a person (the page) or another
// process (the demo, end-to-end tests) uses them.
import Mux, { InternalServerError } from "@mux/mux-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxMux } from "../config";
import { startMuxEmulator, type MuxEmulator } from "./index";

let emulator: MuxEmulator;
let mux: Mux;

beforeAll(async () => {
  emulator = await startMuxEmulator();
  mux = new Mux({ tokenId: sandboxMux.tokenId, tokenSecret: sandboxMux.tokenSecret, baseURL: emulator.url, maxRetries: 0 });
});
afterAll(() => emulator.close());

const control = (path: string, init: { method?: string; body?: unknown } = {}) =>
  fetch(`${emulator.url}/__sandbox/mux${path}`, {
    method: init.method ?? "POST",
    headers: { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

describe("the control endpoints", () => {
  it("list live streams on the page and connect an encoder by stream key", async () => {
    const stream = await mux.video.liveStreams.create({ playback_policy: ["public"], new_asset_settings: { playback_policy: ["public"] }, passthrough: "<show>" });

    const page = await fetch(`${emulator.url}/__sandbox/mux`);
    const html = await page.text();
    expect(html).toContain(stream.id);
    expect(html).toContain("&lt;show&gt;"); // Escaped, never raw markup.
    expect(html).toMatch(/<button data-action="connect" data-id="[^"]+" >Connect<\/button>/);

    expect((await control(`/stream-keys/${stream.stream_key}/connect`)).status).toBe(200);
    const listed = (await (await control("/live-streams", { method: "GET" })).json()) as { data: { id: string; status: string; encoder: string }[] };
    expect(listed.data.find((row) => row.id === stream.id)).toMatchObject({ status: "active", encoder: "connected" });

    expect((await control(`/live-streams/${stream.id}/disconnect`, { body: { immediate: true } })).status).toBe(200);
    const log = (await (await control("/webhooks?settled=1", { method: "GET" })).json()) as { events: { type: string }[] };
    expect(log.events.map((event) => event.type)).toContain("video.live_stream.idle");
    expect(emulator.encoderState(stream.id)).toBe("offline");
  });

  it("refuses a stream key nobody has and a second disconnect", async () => {
    expect((await control("/stream-keys/not-a-key/connect")).status).toBe(404);
    const stream = await mux.video.liveStreams.create({ playback_policy: ["public"] });
    expect((await control(`/live-streams/${stream.id}/disconnect`)).status).toBe(409);
  });

  it("arms API faults", async () => {
    expect((await control("/faults", { body: { status: 500, count: 1 } })).status).toBe(200);
    await expect(mux.video.liveStreams.list()).rejects.toBeInstanceOf(InternalServerError);
    await expect(mux.video.liveStreams.list()).resolves.toBeDefined();
    expect((await control("/faults", { body: { status: 418 } })).status).toBe(400);
  });
});
