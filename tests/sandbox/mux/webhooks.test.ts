// Webhooks as Mux signs and delivers them, checked with the SDK's own verifier.
import Mux from "@mux/mux-node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sandboxMux } from "../config";
import { startMuxEmulator, type MuxEmulator } from "./index";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver";

let emulator: MuxEmulator;
let receiver: WebhookReceiver;
let mux: Mux;

beforeEach(async () => {
  receiver = await startWebhookReceiver();
  emulator = await startMuxEmulator({ webhookUrl: receiver.url, webhookAttempts: 3, webhookBackoffMs: 20 });
  mux = new Mux({ tokenId: sandboxMux.tokenId, tokenSecret: sandboxMux.tokenSecret, baseURL: emulator.url, maxRetries: 0 });
});
afterEach(async () => {
  await emulator.close();
  await receiver.close();
});

describe("signed webhooks", () => {
  it("verify with mux.webhooks.unwrap and carry Mux's envelope", async () => {
    const stream = await mux.video.liveStreams.create({ playback_policy: ["public"], passthrough: "show_9" });
    const delivery = await receiver.waitFor("video.live_stream.created");

    expect(delivery.headers["mux-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const event = await mux.webhooks.unwrap(delivery.rawBody, delivery.headers as Record<string, string>, sandboxMux.webhookSecret);
    expect(event).toMatchObject({
      type: "video.live_stream.created",
      object: { type: "live", id: stream.id },
      environment: { name: expect.any(String), id: expect.any(String) },
      data: { id: stream.id, passthrough: "show_9", status: "idle" },
      attempts: [],
    });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(event.created_at)).not.toBeNaN();
    expect(event).toHaveProperty("accessor_source");
    expect(event).toHaveProperty("request_id");
  });

  it("fail verification when the body is tampered with or the secret is wrong", async () => {
    await mux.video.liveStreams.create({ playback_policy: ["public"], passthrough: "show_10" });
    const delivery = await receiver.waitFor("video.live_stream.created");
    const headers = delivery.headers as Record<string, string>;
    const tampered = delivery.rawBody.replace("show_10", "show_11");
    await expect(mux.webhooks.unwrap(tampered, headers, sandboxMux.webhookSecret)).rejects.toThrow(/signature/i);
    await expect(mux.webhooks.unwrap(delivery.rawBody, headers, "another-secret")).rejects.toThrow(/signature/i);
  });
});

describe("delivery", () => {
  it("retries a refused delivery, lists earlier attempts in the body, and logs each attempt", async () => {
    receiver.refuseNext(2, 503);
    await mux.video.liveStreams.create({ playback_policy: ["public"] });
    await emulator.webhooks.settled();

    expect(receiver.received.map((delivery) => delivery.status)).toEqual([503, 503, 200]);
    const ids = new Set(receiver.received.map((delivery) => delivery.eventId));
    expect(ids.size).toBe(1); // The same event each time, so the app can deduplicate.
    const final = await mux.webhooks.unwrap(receiver.received[2]!.rawBody, receiver.received[2]!.headers as Record<string, string>, sandboxMux.webhookSecret);
    expect(final.attempts.map((attempt) => attempt.response_status_code)).toEqual([503, 503]);

    const [record] = emulator.webhooks.log();
    expect(record).toMatchObject({ type: "video.live_stream.created", state: "delivered" });
    expect(record!.attempts.map((attempt) => attempt.status)).toEqual([503, 503, 200]);
  });

  it("gives up after the last attempt and moves on to the next event", async () => {
    receiver.refuseNext(3, 500);
    await mux.video.liveStreams.create({ playback_policy: ["public"], passthrough: "first" });
    await mux.video.liveStreams.create({ playback_policy: ["public"], passthrough: "second" });
    await emulator.webhooks.settled();

    expect(emulator.webhooks.log().map((record) => record.state)).toEqual(["failed", "delivered"]);
    expect(receiver.accepted()).toHaveLength(1);
  });

  it("holds deliveries back while asked, then delivers them in order", async () => {
    const release = emulator.webhooks.hold();
    const stream = await mux.video.liveStreams.create({ playback_policy: ["public"] });
    await mux.video.liveStreams.disable(stream.id);
    // The API answered; its events wait.
    expect(emulator.webhooks.log().map((record) => record.state)).toEqual(["pending", "pending"]);
    release();
    await emulator.webhooks.settled();
    expect(receiver.accepted().map((delivery) => delivery.type)).toEqual(["video.live_stream.created", "video.live_stream.disabled"]);
  });

  it("delivers in the order events happened", async () => {
    const stream = await mux.video.liveStreams.create({ playback_policy: ["public"] });
    await mux.video.liveStreams.update(stream.id, { passthrough: "renamed" });
    await mux.video.liveStreams.disable(stream.id);
    await mux.video.liveStreams.delete(stream.id);
    await emulator.webhooks.settled();
    expect(receiver.accepted().map((delivery) => delivery.type)).toEqual([
      "video.live_stream.created",
      "video.live_stream.updated",
      "video.live_stream.disabled",
      "video.live_stream.deleted",
    ]);
  });
});
