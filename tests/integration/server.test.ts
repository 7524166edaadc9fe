import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { startAppServer, type AppServer } from "../support/app-server";
import { sendShopifyWebhook } from "../support/shopify-webhook";

let app: AppServer;

beforeAll(async () => {
  app = await startAppServer();
});

afterAll(async () => {
  await app?.close();
});

function shopifyWebhook(body: string, { shop, eventId, secret }: { shop: string; eventId: string; secret?: string }) {
  return sendShopifyWebhook(app.url, { topic: "app/uninstalled", shop, body, eventId, secret });
}

describe("the app server", () => {
  it("boots and answers /healthz with the database up", async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, database: "up" });
  });
});

describe("Shopify webhooks", () => {
  it("answers 401 to a delivery signed with the wrong secret and records nothing", async () => {
    const shop = `forged-${randomUUID().slice(0, 8)}.myshopify.com`;
    const response = await shopifyWebhook(JSON.stringify({ id: 1 }), { shop, eventId: randomUUID(), secret: "not-the-app-secret" });
    expect(response.status).toBe(401);
    expect(await prisma.webhookReceipt.count({ where: { shop } })).toBe(0);
  });

  it("records a delivery once when Shopify sends the same event twice, and acts once", async () => {
    const shop = `twice-${randomUUID().slice(0, 8)}.myshopify.com`;
    await prisma.session.create({ data: { id: `offline_${shop}`, shop, state: "", accessToken: "token" } });
    const eventId = randomUUID();
    const body = JSON.stringify({ id: 1, domain: shop });

    const first = await shopifyWebhook(body, { shop, eventId });
    const second = await shopifyWebhook(body, { shop, eventId });

    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.headers.get("x-duplicate")).toBe("1");
    expect(await prisma.webhookReceipt.count({ where: { shop, eventId } })).toBe(1);
    expect(await prisma.session.count({ where: { shop } })).toBe(0);
  });

  it("answers 400 when a verified body is not JSON, and records nothing", async () => {
    const shop = `not-json-${randomUUID().slice(0, 8)}.myshopify.com`;
    for (const topic of ["orders/paid", "customers/redact", "app/uninstalled"]) {
      const response = await sendShopifyWebhook(app.url, { topic, shop, body: "{not json" });
      expect(response.status, topic).toBe(400);
      expect(await response.json()).toEqual({ error: `${topic} payload: body is not JSON` });
    }
    expect(await prisma.webhookReceipt.count({ where: { shop } })).toBe(0);
  });

  it("answers 400 with the reason when a verified payload is malformed", async () => {
    const shop = `malformed-${randomUUID().slice(0, 8)}.myshopify.com`;
    const body = JSON.stringify({ customer: { id: "not-a-number" } });
    const response = await sendShopifyWebhook(app.url, { topic: "customers/redact", shop, body });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/customers\/redact payload: shop_domain .*; customer\.id/);
    expect(await prisma.webhookReceipt.count({ where: { shop } })).toBe(0);
  });
});
