// The beacon benchmark's baseline: what a first design would do with the storefront's viewer
// beacons. The same checks as the app's route (the app proxy's signature, the viewer token for
// the show, the body's shape and size, from the same modules) and the same in-memory answer to
// "is this show counted", then one row per event, each its own INSERT, as a table of raw events
// that a report would later sum. No Remix around it: a bare node:http server, the cheapest way
// to serve it, so the difference measured is the storage design, not the framework.
// Run as its own process: PORT, DATABASE_URL and APP_SECRET come from the bench.
import { timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { PrismaClient } from "@prisma/client";
import { parseBeacon } from "../../../app/analytics/beacon-input";
import { createDriverAdapter } from "../../../app/db/driver-adapter.server";
import { readViewerToken } from "../../../app/realtime/viewer-token.server";
import { appProxySignature } from "../../sandbox/shopify/app-proxy";

const required = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`row-per-event-server: ${name} is not set`);
  return value;
};

const prisma = new PrismaClient({ adapter: createDriverAdapter(required("DATABASE_URL")) });
const apiSecret = required("SHOPIFY_API_SECRET");
const appSecret = required("APP_SECRET");
const counted = new Map<string, boolean>();

function signedShop(query: URLSearchParams): string | null {
  const given = Buffer.from(query.get("signature") ?? "", "hex");
  const expected = Buffer.from(appProxySignature(query, apiSecret), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected) ? query.get("shop") : null;
}

async function isCounted(shop: string, showId: string): Promise<boolean> {
  const key = `${shop} ${showId}`;
  let known = counted.get(key);
  if (known === undefined) {
    const show = await prisma.show.findFirst({ where: { id: showId, shop }, select: { status: true, mode: true } });
    known = !!show && show.mode === "public" && show.status === "live";
    counted.set(key, known);
  }
  return known;
}

const answer = (outgoing: import("node:http").ServerResponse, status: number, body: object) => outgoing.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));

const server = createServer(async (incoming, outgoing) => {
  const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
  const showId = /^\/proxy\/shows\/([^/]+)\/events$/.exec(url.pathname)?.[1];
  if (incoming.method !== "POST" || !showId) return answer(outgoing, 404, { error: "not found" });
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const shop = signedShop(url.searchParams);
  if (!shop) return answer(outgoing, 401, { error: "bad signature" });
  const parsed = parseBeacon(Buffer.concat(chunks).toString("utf8"));
  if (!parsed.ok) return answer(outgoing, parsed.status, { error: parsed.reason });
  const token = readViewerToken(appSecret, parsed.body.token, showId, new Date());
  if (!token?.viewer) return answer(outgoing, 401, { error: "bad token" });
  if (!(await isCounted(shop, showId))) return answer(outgoing, 404, { error: "unknown show" });
  const now = Date.now();
  try {
    for (const event of parsed.body.events) {
      await prisma.$executeRaw`INSERT INTO "BenchViewerEvent" ("shop", "showId", "viewerId", "n", "type", "at") VALUES (${shop}, ${showId}, ${token.viewer.viewerId}, ${event.n}, ${event.type}, ${now - event.ago})`;
    }
  } catch (error) {
    return answer(outgoing, 503, { error: String(error) });
  }
  answer(outgoing, 202, { counted: parsed.body.events.length, ignored: 0 });
});

await prisma.$executeRawUnsafe(
  `CREATE TABLE IF NOT EXISTS "BenchViewerEvent" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "shop" TEXT NOT NULL, "showId" TEXT NOT NULL, "viewerId" TEXT NOT NULL, "n" INTEGER NOT NULL, "type" TEXT NOT NULL, "at" INTEGER NOT NULL)`,
);
// The bench binds the port and hands the socket over as fd 3 (tests/support/reserved-port.ts).
server.listen(process.env.LISTEN_FDS === "1" ? { fd: 3 } : { port: Number(required("PORT")), host: "127.0.0.1" }, () => console.log("Row-per-event beacon server listening"));
