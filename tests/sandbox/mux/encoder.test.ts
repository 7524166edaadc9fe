// The simulated encoder end to end: ffmpeg → HLS → the webhooks the app hears and the
// playlists and segments a browser player fetches.
import Mux from "@mux/mux-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxMux } from "../config";
import { startMuxEmulator, type MuxEmulator } from "./index";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver";

let emulator: MuxEmulator;
let receiver: WebhookReceiver;
let mux: Mux;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  emulator = await startMuxEmulator({ webhookUrl: receiver.url });
  mux = new Mux({ tokenId: sandboxMux.tokenId, tokenSecret: sandboxMux.tokenSecret, baseURL: emulator.url, maxRetries: 0 });
});
afterAll(async () => {
  await emulator?.close();
  await receiver?.close();
});

const createShowStream = (showId: string) =>
  mux.video.liveStreams.create({
    playback_policy: ["public"],
    new_asset_settings: { playback_policy: ["public"] },
    latency_mode: "low",
    reconnect_window: 60,
    passthrough: showId,
  });

/** The webhook types the app received about one live stream and its recordings, in order. */
function typesFor(liveStreamId: string): string[] {
  return receiver
    .accepted()
    .map((delivery) => JSON.parse(delivery.rawBody) as { type: string; object: { id: string }; data: { live_stream_id?: string } })
    .filter((event) => event.object.id === liveStreamId || event.data.live_stream_id === liveStreamId)
    .map((event) => event.type);
}

/** Follows the multivariant playlist to the media playlist, as hls.js does. */
async function mediaPlaylist(multivariantUrl: string): Promise<{ url: string; text: string }> {
  const multivariant = await fetch(multivariantUrl);
  expect(multivariant.status).toBe(200);
  expect(multivariant.headers.get("access-control-allow-origin")).toBe("*");
  const variant = (await multivariant.text()).split("\n").find((line) => line && !line.startsWith("#"));
  const url = new URL(variant ?? "", multivariantUrl).href;
  const media = await fetch(url);
  expect(media.status).toBe(200);
  return { url, text: await media.text() };
}

const segmentUris = (playlist: string) => playlist.split("\n").filter((line) => line && !line.startsWith("#"));

async function expectMpegTs(url: string) {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("video/mp2t");
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
  const bytes = new Uint8Array(await response.arrayBuffer());
  // MPEG-TS: 188-byte packets, each starting with the sync byte 0x47.
  expect(bytes.length).toBeGreaterThan(188 * 10);
  expect(bytes.length % 188).toBe(0);
  for (const offset of [0, 188, 188 * 2, bytes.length - 188]) expect(bytes[offset]).toBe(0x47);
}

describe("the sandbox encoder", () => {
  it("goes live, plays real HLS, and leaves a finished replay when it disconnects", async () => {
    const stream = await createShowStream("show_live");
    const livePlaybackId = stream.playback_ids![0]!.id;
    expect((await fetch(emulator.playbackUrl(livePlaybackId))).status).toBe(412); // Not live yet.

    await emulator.connectEncoder(stream.id);
    await emulator.webhooks.settled();
    expect(typesFor(stream.id)).toEqual([
      "video.live_stream.created",
      "video.live_stream.connected",
      "video.live_stream.recording",
      "video.asset.created",
      "video.live_stream.active",
      "video.asset.ready",
    ]);
    const active = await mux.video.liveStreams.retrieve(stream.id);
    expect(active.status).toBe("active");
    const assetId = active.active_asset_id!;
    expect(active.recent_asset_ids).toEqual([assetId]);
    const liveAsset = await mux.video.assets.retrieve(assetId);
    expect(liveAsset).toMatchObject({ live_stream_id: stream.id, is_live: true, status: "ready" });

    const live = await mediaPlaylist(emulator.playbackUrl(livePlaybackId));
    expect(live.text).not.toContain("#EXT-X-ENDLIST");
    expect(live.text).not.toContain("#EXT-X-PLAYLIST-TYPE");
    const liveSegments = segmentUris(live.text);
    expect(liveSegments.length).toBeGreaterThanOrEqual(1);
    await expectMpegTs(new URL(liveSegments[0]!, live.url).href);

    const poster = await fetch(emulator.posterUrl(livePlaybackId));
    expect(poster.status).toBe(200);
    expect(poster.headers.get("content-type")).toBe("image/jpeg");
    expect(poster.headers.get("access-control-allow-origin")).toBe("*");
    expect([...new Uint8Array(await poster.arrayBuffer()).slice(0, 3)]).toEqual([0xff, 0xd8, 0xff]);

    await emulator.disconnectEncoder(stream.id, { immediate: true });
    await emulator.webhooks.settled();
    expect(typesFor(stream.id).slice(6)).toEqual([
      "video.live_stream.disconnected",
      "video.live_stream.idle",
      "video.asset.live_stream_completed",
    ]);
    expect((await mux.video.liveStreams.retrieve(stream.id)).status).toBe("idle");

    const replay = await mux.video.assets.retrieve(assetId);
    expect(replay).toMatchObject({ status: "ready", is_live: false, live_stream_id: stream.id });
    expect(replay.duration).toBeGreaterThan(0.5);
    const replayPlaybackId = replay.playback_ids![0]!.id;
    const vod = await mediaPlaylist(emulator.playbackUrl(replayPlaybackId));
    expect(vod.text).toContain("#EXT-X-PLAYLIST-TYPE:VOD");
    expect(vod.text.trimEnd().endsWith("#EXT-X-ENDLIST")).toBe(true);
    const vodSegments = segmentUris(vod.text);
    expect(vodSegments.length).toBeGreaterThanOrEqual(liveSegments.length);
    await expectMpegTs(new URL(vodSegments.at(-1)!, vod.url).href);

    // Players still polling the live playlist are told the stream is over.
    expect((await mediaPlaylist(emulator.playbackUrl(livePlaybackId))).text).toContain("#EXT-X-ENDLIST");
  });

  it("keeps one recording across a reconnect inside the window, and `complete` ends it", async () => {
    const stream = await createShowStream("show_reconnect");
    await emulator.connectEncoder(stream.id);
    await emulator.disconnectEncoder(stream.id); // Inside the 60 s reconnect window: still active.
    expect(emulator.encoderState(stream.id)).toBe("reconnect-window");
    expect((await mux.video.liveStreams.retrieve(stream.id)).status).toBe("active");

    await emulator.connectEncoder(stream.id);
    await mux.video.liveStreams.complete(stream.id);
    await emulator.webhooks.settled();
    expect(typesFor(stream.id)).toEqual([
      "video.live_stream.created",
      "video.live_stream.connected",
      "video.live_stream.recording",
      "video.asset.created",
      "video.live_stream.active",
      "video.asset.ready",
      "video.live_stream.disconnected",
      "video.live_stream.connected",
      "video.live_stream.recording",
      "video.live_stream.disconnected",
      "video.live_stream.idle",
      "video.asset.live_stream_completed",
    ]);

    const after = await mux.video.liveStreams.retrieve(stream.id);
    expect(after.status).toBe("idle");
    expect(after.recent_asset_ids).toHaveLength(1);
    const asset = await mux.video.assets.retrieve(after.recent_asset_ids![0]!);
    expect(asset.recording_times).toHaveLength(2);
    const vod = await mediaPlaylist(emulator.playbackUrl(asset.playback_ids![0]!.id));
    expect(vod.text).toContain("#EXT-X-DISCONTINUITY\n");
  });

  it("refuses an encoder on a disabled stream", async () => {
    const stream = await createShowStream("show_disabled");
    await mux.video.liveStreams.disable(stream.id);
    await expect(emulator.connectEncoder(stream.id)).rejects.toThrow(/disabled/);
    const response = await fetch(`${emulator.url}/__sandbox/mux/live-streams/${stream.id}/connect`, { method: "POST" });
    expect(response.status).toBe(409);
  });
});
