// The Video API as the app sees it: through the real @mux/mux-node SDK.
import Mux, { AuthenticationError, BadRequestError, InternalServerError, NotFoundError, RateLimitError } from "@mux/mux-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxMux } from "../config";
import { startMuxEmulator, type MuxEmulator } from "./index";

let emulator: MuxEmulator;
let mux: Mux;

/** The settings the app creates every show's live stream with. */
const appLiveStreamSettings = (showId: string) => ({
  playback_policy: ["public" as const],
  new_asset_settings: { playback_policy: ["public" as const] },
  latency_mode: "low" as const,
  reconnect_window: 60,
  passthrough: showId,
});

beforeAll(async () => {
  emulator = await startMuxEmulator();
  mux = new Mux({ tokenId: sandboxMux.tokenId, tokenSecret: sandboxMux.tokenSecret, baseURL: emulator.url, maxRetries: 0 });
});
afterAll(() => emulator.close());

describe("live streams through the SDK", () => {
  it("creates a live stream with the app's settings and retrieves it", async () => {
    const created = await mux.video.liveStreams.create(appLiveStreamSettings("show_1"));
    expect(created).toMatchObject({
      status: "idle",
      latency_mode: "low",
      reconnect_window: 60,
      passthrough: "show_1",
      new_asset_settings: { playback_policies: ["public"] },
    });
    expect(created.id).toMatch(/^[A-Za-z0-9]{44}$/);
    expect(created.stream_key).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.playback_ids).toEqual([{ id: expect.stringMatching(/^[A-Za-z0-9]{44}$/), policy: "public" }]);
    expect(Number(created.created_at)).toBeCloseTo(Date.now() / 1000, -1);

    const retrieved = await mux.video.liveStreams.retrieve(created.id);
    expect(retrieved).toEqual(created);
  });

  it("waits 60 s for a standard-latency encoder to come back by default, and not at all for low latency, as Mux does", async () => {
    expect((await mux.video.liveStreams.create({ playback_policy: ["public"] })).reconnect_window).toBe(60);
    expect((await mux.video.liveStreams.create({ playback_policy: ["public"], latency_mode: "low" })).reconnect_window).toBe(0);
    expect((await mux.video.liveStreams.create({ playback_policy: ["public"], latency_mode: "reduced" })).reconnect_window).toBe(0);
  });

  it("resets the stream key, adds a simulcast target and disables the stream", async () => {
    const stream = await mux.video.liveStreams.create(appLiveStreamSettings("show_2"));

    const reset = await mux.video.liveStreams.resetStreamKey(stream.id);
    expect(reset.stream_key).not.toBe(stream.stream_key);
    expect((await mux.video.liveStreams.retrieve(stream.id)).stream_key).toBe(reset.stream_key);

    const target = await mux.video.liveStreams.createSimulcastTarget(stream.id, { url: "rtmps://live.example.com/app", stream_key: "yt-key", passthrough: "youtube" });
    expect(target).toMatchObject({ status: "idle", url: "rtmps://live.example.com/app", stream_key: "yt-key", passthrough: "youtube" });
    expect((await mux.video.liveStreams.retrieve(stream.id)).simulcast_targets).toEqual([target]);
    await mux.video.liveStreams.deleteSimulcastTarget(stream.id, target.id);
    expect((await mux.video.liveStreams.retrieve(stream.id)).simulcast_targets).toEqual([]);

    await mux.video.liveStreams.disable(stream.id);
    expect((await mux.video.liveStreams.retrieve(stream.id)).status).toBe("disabled");
    await mux.video.liveStreams.enable(stream.id);
    expect((await mux.video.liveStreams.retrieve(stream.id)).status).toBe("idle");
  });

  it("updates, lists, manages playback ids and deletes", async () => {
    const stream = await mux.video.liveStreams.create(appLiveStreamSettings("show_3"));
    const updated = await mux.video.liveStreams.update(stream.id, { reconnect_window: 30, passthrough: "show_3b" });
    expect(updated).toMatchObject({ reconnect_window: 30, passthrough: "show_3b" });

    const signed = await mux.video.liveStreams.createPlaybackId(stream.id, { policy: "signed" });
    expect(signed.policy).toBe("signed");
    expect(await mux.video.playbackIds.retrieve(signed.id)).toMatchObject({ id: signed.id, object: { type: "live_stream", id: stream.id } });
    await mux.video.liveStreams.deletePlaybackId(stream.id, signed.id);
    await expect(mux.video.playbackIds.retrieve(signed.id)).rejects.toBeInstanceOf(NotFoundError);

    const listed = [];
    for await (const item of mux.video.liveStreams.list({ limit: 100 })) listed.push(item.id);
    expect(listed).toContain(stream.id);

    await mux.video.liveStreams.delete(stream.id);
    await expect(mux.video.liveStreams.retrieve(stream.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("pages through assets with the SDK's cursor pagination (empty here)", async () => {
    const page = await mux.video.assets.list({ limit: 5 });
    expect(page.data).toEqual([]);
    expect(page.hasNextPage()).toBe(false);
  });
});

describe("errors in Mux's shape", () => {
  it("refuses wrong credentials with 401", async () => {
    const intruder = new Mux({ tokenId: sandboxMux.tokenId, tokenSecret: "wrong", baseURL: emulator.url, maxRetries: 0 });
    const failure = await intruder.video.liveStreams.create(appLiveStreamSettings("x")).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AuthenticationError);
    expect((failure as AuthenticationError).status).toBe(401);
    expect((failure as AuthenticationError).error).toEqual({ error: { type: "unauthorized", messages: ["Unauthorized request"] } });
  });

  it("rejects an invalid body with 400 naming the field", async () => {
    const failure = await mux.video.liveStreams
      .create({ ...appLiveStreamSettings("x"), reconnect_window: 5000 })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BadRequestError);
    const body = (failure as BadRequestError).error as { error: { type: string; messages: string[] } };
    expect(body.error.type).toBe("invalid_parameters");
    expect(body.error.messages.join()).toContain("reconnect_window");
  });

  it("answers 500 and 429 for the next N calls when a fault is armed", async () => {
    const stream = await mux.video.liveStreams.create(appLiveStreamSettings("faults"));
    emulator.failNextApiCalls(1, 500);
    emulator.failNextApiCalls(1, 429);
    await expect(mux.video.liveStreams.retrieve(stream.id)).rejects.toBeInstanceOf(InternalServerError);
    await expect(mux.video.liveStreams.retrieve(stream.id)).rejects.toBeInstanceOf(RateLimitError);
    await expect(mux.video.liveStreams.retrieve(stream.id)).resolves.toMatchObject({ id: stream.id });
  });

  it("lets the SDK's own retries ride out a short outage", async () => {
    const patient = new Mux({ tokenId: sandboxMux.tokenId, tokenSecret: sandboxMux.tokenSecret, baseURL: emulator.url, maxRetries: 2 });
    const stream = await patient.video.liveStreams.create(appLiveStreamSettings("retry"));
    emulator.failNextApiCalls(2, 500);
    await expect(patient.video.liveStreams.retrieve(stream.id)).resolves.toMatchObject({ id: stream.id });
  });
});
