// The ingest benchmark's baseline: what Shopify's app template does with a webhook, and no more.
// The template's webhook routes call `authenticate.webhook(request)` (HMAC check, and the shop's
// offline session loaded from session storage) and then make one Prisma write. Here that is the
// same @shopify/shopify-app-remix `authenticate.webhook`, configured as app/shopify.server.ts
// configures it, with the same Prisma client and SQLite database, and one upsert of the level
// (Prisma sends it as one INSERT … ON CONFLICT DO UPDATE).
// No Remix and no Express around it: a bare node:http server, the cheapest way to serve it.
// Run as its own process: PORT, DATABASE_URL and the SHOPIFY_* variables come from the bench.
import "@shopify/shopify-app-remix/adapters/node";
import { createServer } from "node:http";
import { PrismaClient } from "@prisma/client";
import { ApiVersion, AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { createDriverAdapter } from "../../../app/db/driver-adapter.server";
import { WAL_CHECKPOINT_PAGES } from "../../../app/db/sqlite-settings";
import { idDigits, parseJsonExact } from "../../../app/lib/exact-json";

const required = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`template-server: ${name} is not set`);
  return value;
};

const prisma = new PrismaClient({ adapter: createDriverAdapter(required("DATABASE_URL")) });
const appUrl = required("SHOPIFY_APP_URL");
const shopify = shopifyApp({
  apiKey: required("SHOPIFY_API_KEY"),
  apiSecretKey: required("SHOPIFY_API_SECRET"),
  apiVersion: ApiVersion.July26,
  scopes: (process.env.SCOPES ?? "read_products,read_inventory").split(","),
  appUrl,
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(prisma),
  distribution: AppDistribution.AppStore,
  future: { unstable_newEmbeddedAuthStrategy: true, expiringOfflineAccessTokens: true },
});

interface LevelPayload {
  /** A safe integer, or past 2^53 its digits (parseJsonExact). */
  inventory_item_id: number | string;
  location_id: number | string;
  available: number | null;
  updated_at: string;
  admin_graphql_api_id: string;
}

const server = createServer(async (incoming, outgoing) => {
  if (incoming.method !== "POST" || !incoming.url?.startsWith("/webhooks/")) {
    outgoing.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(name, value);
  const body = Buffer.concat(chunks);
  const request = new Request(new URL(incoming.url, appUrl), { method: "POST", headers, body });
  try {
    const { shop } = await shopify.authenticate.webhook(request);
    // The ids as a template app that keeps them exact would read them: location_id and
    // inventory_item_id, from the raw body, since JSON.parse (the payload above) rounds past 2^53.
    const level = parseJsonExact(body.toString("utf8")) as LevelPayload;
    const locationId = `gid://shopify/Location/${idDigits(level.location_id)}`;
    const inventoryItemId = `gid://shopify/InventoryItem/${idDigits(level.inventory_item_id)}`;
    const data = { available: level.available ?? 0, sourceUpdatedAt: new Date(level.updated_at) };
    await prisma.inventoryLevel.upsert({
      where: { shop_inventoryItemId_locationId: { shop, inventoryItemId, locationId } },
      create: { shop, inventoryItemId, locationId, ...data },
      update: data,
    });
    outgoing.writeHead(200).end();
  } catch (error) {
    if (error instanceof Response) {
      outgoing.writeHead(error.status).end();
      return;
    }
    console.error(error);
    outgoing.writeHead(500).end();
  }
});

// "template" runs on the app's SQLite settings (app/db.server.ts), "template-stock" on SQLite's
// defaults, as the template ships: the bench says which with BENCH_SQLITE_LIKE_APP.
if (process.env.BENCH_SQLITE_LIKE_APP === "1") {
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await prisma.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await prisma.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
}

server.keepAliveTimeout = 65_000;
// The bench binds the port and hands the socket over as fd 3 (tests/support/reserved-port.ts).
server.listen(process.env.LISTEN_FDS === "1" ? { fd: 3 } : { port: Number(required("PORT")), host: "127.0.0.1" }, () => console.log(`Template webhook server listening on ${appUrl}`));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close(() => void prisma.$disconnect().then(() => process.exit(0)));
    server.closeAllConnections();
  });
}
