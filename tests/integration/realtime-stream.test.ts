// The realtime endpoint's guards over real HTTP: who may open a show's stream, from where, how
// many at once, and that an idle stream still shows signs of life.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { signViewerToken } from "~/realtime/viewer-token.server";
import { sandboxAppSecret } from "../sandbox/config";
import { fromNow } from "../support/clock";
import { startAppServer, type AppServer } from "../support/app-server";
import { openEventStream, type EventStream } from "../support/sse-client";
import { seedShowWithStock, streamUrl } from "../support/stock-fixtures";

const MAX_PER_ADDRESS = 3;
let app: AppServer;
const streams: EventStream[] = [];

beforeAll(async () => {
  app = await startAppServer({ REALTIME_MAX_CONNECTIONS_PER_ADDRESS: String(MAX_PER_ADDRESS), REALTIME_HEARTBEAT_MS: "100" });
});

afterAll(async () => {
  for (const stream of streams) stream.close();
  await app?.close();
});

async function open(url: string, headers: Record<string, string> = {}, localAddress?: string) {
  const stream = await openEventStream(url, headers, localAddress);
  streams.push(stream);
  return stream;
}

describe("the show stream", () => {
  it("allows the shop's storefront origins and its myshopify.com domain, and refuses other origins", async () => {
    const fixture = await seedShowWithStock();
    for (const origin of [fixture.origin, "https://other.example", `https://${fixture.shop}`]) {
      const allowed = await open(streamUrl(app.url, fixture), { origin });
      expect(allowed.status).toBe(200);
      expect(allowed.headers["access-control-allow-origin"]).toBe(origin);
      allowed.close();
    }
    const refused = await open(streamUrl(app.url, fixture), { origin: "https://attacker.example" });
    expect(refused.status).toBe(403);
    expect(refused.headers["access-control-allow-origin"]).toBeUndefined();
    expect(await refused.body).toMatch(/not one of .*storefront domains/);
  });

  it("answers a preflight for an allowed origin with the Last-Event-ID header allowed", async () => {
    const fixture = await seedShowWithStock();
    const response = await fetch(streamUrl(app.url, fixture), { method: "OPTIONS", headers: { origin: fixture.origin } });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(fixture.origin);
    expect(response.headers.get("access-control-allow-headers")).toMatch(/Last-Event-ID/);
  });

  it("answers 404 for a draft, another shop's show or an unknown one", async () => {
    const fixture = await seedShowWithStock({ status: "draft" });
    const other = await seedShowWithStock();
    for (const url of [
      streamUrl(app.url, fixture),
      streamUrl(app.url, { shop: fixture.shop, showId: other.showId }),
      streamUrl(app.url, { shop: fixture.shop, showId: "no-such-show" }),
    ]) {
      expect((await open(url)).status).toBe(404);
    }
  });

  it("opens a rehearsal only with a valid viewer token for that show", async () => {
    const fixture = await seedShowWithStock({ mode: "rehearsal" });
    // Its preview link works (show-lifecycle.test.ts turns viewers away once it is revoked).
    await prisma.show.update({ where: { id: fixture.showId }, data: { previewVersion: 1, previewExpiresAt: fromNow({ hours: 1 }) } });
    const other = await seedShowWithStock();
    expect((await open(streamUrl(app.url, fixture))).status).toBe(401);
    const wrongShow = signViewerToken(sandboxAppSecret, other.showId, new Date(Date.now() + 60_000));
    expect((await open(streamUrl(app.url, fixture, `&token=${wrongShow}`))).status).toBe(401);
    const expired = signViewerToken(sandboxAppSecret, fixture.showId, new Date(Date.now() - 1));
    expect((await open(streamUrl(app.url, fixture, `&token=${expired}`))).status).toBe(401);

    const token = signViewerToken(sandboxAppSecret, fixture.showId, new Date(Date.now() + 60_000));
    const stream = await open(streamUrl(app.url, fixture, `&token=${token}`));
    expect(stream.status).toBe(200);
    expect((await stream.next()).event).toBe("snapshot");
  });

  it("caps open streams per client address and frees a slot when one closes", async () => {
    const fixture = await seedShowWithStock();
    // An address of its own on the loopback network, so other tests' streams do not count.
    const address = "127.0.0.77";
    const held = [];
    for (let index = 0; index < MAX_PER_ADDRESS; index++) {
      const stream = await open(streamUrl(app.url, fixture), {}, address);
      expect(stream.status).toBe(200);
      await stream.next(); // snapshot: the stream is open
      held.push(stream);
    }
    const refused = await open(streamUrl(app.url, fixture), {}, address);
    expect(refused.status).toBe(429);
    expect(refused.headers["retry-after"]).toBeDefined();
    expect((await open(streamUrl(app.url, fixture), {}, "127.0.0.78")).status).toBe(200);

    held[0]?.close();
    await held[0]?.ended;
    // The server sees the close asynchronously; a new stream is admitted once it has.
    let admitted = await open(streamUrl(app.url, fixture), {}, address);
    while (admitted.status === 429) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      admitted = await open(streamUrl(app.url, fixture), {}, address);
    }
    expect(admitted.status).toBe(200);
    for (const stream of [...held, admitted]) stream.close();
  });

  it("counts viewers behind a trusted load balancer by their forwarded address, and believes no one else's header", async () => {
    const balancer = "127.0.0.91";
    const behindBalancer = await startAppServer({ REALTIME_MAX_CONNECTIONS_PER_ADDRESS: "1", TRUSTED_PROXIES: `${balancer}/32` });
    try {
      const fixture = await seedShowWithStock();
      const url = streamUrl(behindBalancer.url, fixture);
      const viewer = (address: string) => ({ "x-forwarded-for": address });
      // Two viewers through the balancer: one stream each, though both arrive from its address.
      const first = await open(url, viewer("198.51.100.1"), balancer);
      const second = await open(url, viewer("198.51.100.2"), balancer);
      expect([first.status, second.status]).toEqual([200, 200]);
      expect((await open(url, viewer("198.51.100.1"), balancer)).status).toBe(429);
      // A client that is not the balancer cannot dodge its cap by writing the header itself.
      const direct = "127.0.0.92";
      expect((await open(url, viewer("203.0.113.1"), direct)).status).toBe(200);
      expect((await open(url, viewer("203.0.113.2"), direct)).status).toBe(429);
    } finally {
      for (const stream of streams.splice(0)) stream.close();
      await behindBalancer.close();
    }
  });

  it("sends heartbeat comments on an idle stream, and the snapshot carries the lineup, status and pins", async () => {
    const fixture = await seedShowWithStock();
    await prisma.showProduct.updateMany({ where: { shop: fixture.shop, showId: fixture.showId }, data: { pinnedAt: new Date() } });
    const stream = await open(streamUrl(app.url, fixture));
    const snapshot = JSON.parse((await stream.next()).data);
    expect(snapshot).toMatchObject({
      show: { id: fixture.showId, status: "live", mode: "public" },
      lineup: [{ productId: fixture.productId, title: "Scarf", position: 0, pinned: true }],
      pinnedProductId: fixture.productId,
    });
    expect(snapshot.stock).toHaveLength(2);
    expect(await stream.nextComment()).toBe("heartbeat");
  });
});
