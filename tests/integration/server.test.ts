import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { sandboxShopify } from "../sandbox/config";
import { startAppServer, type AppServer } from "../support/app-server";

let app: AppServer;

beforeAll(async () => {
  app = await startAppServer();
});

afterAll(async () => {
  await app?.close();
});

function shopifyWebhook(body: string, { shop, eventId, secret = sandboxShopify.apiSecret }: { shop: string; eventId: string; secret?: string }) {
  return fetch(`${app.url}/webhooks/app/uninstalled`, {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      "x-shopify-topic": "app/uninstalled",
      "x-shopify-hmac-sha256": createHmac("sha256", secret).update(body).digest("base64"),
      "x-shopify-shop-domain": shop,
      "x-shopify-api-version": "2026-07",
      "x-shopify-webhook-id": randomUUID(),
      "x-shopify-event-id": eventId,
      "x-shopify-triggered-at": new Date().toISOString(),
    },
  });
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

  it("answers 400 with the reason when a verified payload is malformed", async () => {
    const shop = `malformed-${randomUUID().slice(0, 8)}.myshopify.com`;
    const body = JSON.stringify({ customer: { id: "not-a-number" } });
    const response = await fetch(`${app.url}/webhooks/customers/redact`, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        "x-shopify-topic": "customers/redact",
        "x-shopify-hmac-sha256": createHmac("sha256", sandboxShopify.apiSecret).update(body).digest("base64"),
        "x-shopify-shop-domain": shop,
        "x-shopify-api-version": "2026-07",
        "x-shopify-webhook-id": randomUUID(),
      },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/customers\/redact payload: shop_domain .*; customer\.id/);
    expect(await prisma.webhookReceipt.count({ where: { shop } })).toBe(0);
  });
});
