// Another app instance hears a show change through Redis and drops its snapshot: a stock webhook
// received by one instance makes the next bootstrap read on this one a new build. This process
// stands in for the second instance (its own snapshots, its own Redis connection).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBus } from "~/realtime/bus.server";
import { showChannel, type Bus } from "~/realtime/bus";
import type { RealtimeEvent } from "~/realtime/events";
import { BootstrapSnapshots } from "~/storefront/bootstrap-snapshots.server";
import { startAppServer, type AppServer } from "../support/app-server";
import { afterSeed, seedShowWithStock, sendLevelUpdate } from "../support/stock-fixtures";

const REDIS_URL = "redis://127.0.0.1:6379";
let receiving: AppServer;
let bus: Bus;

beforeAll(async () => {
  receiving = await startAppServer({ REDIS_URL });
  bus = createBus(REDIS_URL);
});

afterAll(async () => {
  await bus?.close();
  await receiving?.close();
});

describe("a bootstrap snapshot on another instance", () => {
  it("is rebuilt after a change that entered at another instance, and kept while nothing changes", async () => {
    const fixture = await seedShowWithStock();
    const snapshots = new BootstrapSnapshots(bus);
    // The embed's light bootstrap: the show and how to play it, nothing from the Admin API.
    const request = { shop: fixture.shop, selector: { kind: "id" as const, showId: fixture.showId }, lite: true, buyer: { country: null, locale: null } };
    // The first build starts listening to the show; the one after it is built while listening.
    await snapshots.read(request);
    const listening = await snapshots.read(request);
    expect(await snapshots.read(request)).toBe(listening);

    let resolveHeard = () => {};
    const heard = new Promise<void>((resolve) => (resolveHeard = resolve));
    // Subscribed after the snapshots' own listener, so it hears the event after they do.
    const unsubscribe = await bus.subscribe<RealtimeEvent>(showChannel(fixture.showId), (event) => {
      if (event.type === "stock") resolveHeard();
    });
    const response = await sendLevelUpdate(receiving.url, fixture, 0, 2, afterSeed(fixture, { hours: 6 }));
    expect(response.status).toBe(200);
    await heard;
    await unsubscribe();

    const rebuilt = await snapshots.read(request);
    expect(rebuilt).not.toBe(listening);
    expect(await snapshots.read(request)).toBe(rebuilt);
  });
});
