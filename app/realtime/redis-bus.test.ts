import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { RealtimeEvent } from "./events";
import { RedisBus } from "./redis-bus.server";

const REDIS_URL = "redis://127.0.0.1:6379";
const buses: RedisBus[] = [];
afterEach(async () => {
  await Promise.all(buses.splice(0).map((bus) => bus.close()));
});

function bus() {
  const created = new RedisBus(REDIS_URL);
  buses.push(created);
  return created;
}

const event = (seq: number): RealtimeEvent => ({ showId: "s", seq, type: "viewers", data: { count: seq } });

describe("RedisBus", () => {
  it("carries events from one instance to a subscriber on another, in publish order", async () => {
    const [publisher, subscriber] = [bus(), bus()];
    const channel = `test:${randomUUID()}`;
    const received: RealtimeEvent[] = [];
    const allThree = new Promise<void>((resolve) => {
      void subscriber.subscribe(channel, (message) => {
        received.push(message);
        if (received.length === 3) resolve();
      });
    });
    // subscribe() resolves once Redis confirmed; wait for that before publishing.
    await subscriber.subscribe(channel, () => {});
    for (const seq of [1, 2, 3]) await publisher.publish(channel, event(seq));
    await allThree;
    expect(received).toEqual([event(1), event(2), event(3)]);
  });

  it("stops delivering after the last listener of a channel unsubscribes", async () => {
    const [publisher, subscriber] = [bus(), bus()];
    const [gone, kept] = [`test:${randomUUID()}`, `test:${randomUUID()}`];
    const received: string[] = [];
    const unsubscribe = await subscriber.subscribe(gone, () => received.push("gone"));
    const keptArrived = new Promise<void>((resolve) => {
      void subscriber.subscribe(kept, () => {
        received.push("kept");
        resolve();
      });
    });
    await subscriber.subscribe(kept, () => {});
    await unsubscribe();
    await publisher.publish(gone, event(1));
    await publisher.publish(kept, event(2));
    // Redis delivers to one connection in order: once "kept" arrived, "gone" would have too.
    await keptArrived;
    expect(received).toEqual(["kept"]);
  });
});
