// The beacon benchmark without HTTP: the same batches handed straight to the app's ingest
// (receiveViewerBeacon, then a flush every 5 s of wall time and one at the end) or to the
// baseline's storage (the same body and token checks, then one INSERT per event), so the figures
// compare the storage designs alone. Run as its own process, one per design, on its own copy of
// the seeded database: `node --import tsx pipeline.ts <live-shows|row-per-event> <batches>`.
// Prints one JSON line: events, wall seconds, CPU seconds (user + system of this process, from
// the first batch until every row is written). The bodies are signed before the clock starts.
import { randomUUID } from "node:crypto";
import { signViewerToken } from "../../../app/realtime/viewer-token.server";
import { sandboxAppSecret } from "../../sandbox/config";
import { BENCH_SHOP, BENCH_SHOW_ID } from "../lib/catalog";

const [target, batchesText] = process.argv.slice(2);
const batches = Number(batchesText);
const FLUSH_MS = 5_000;
const expiresAt = new Date(Date.now() + 3_600_000);
const bodies = Array.from({ length: batches }, () =>
  JSON.stringify({
    token: signViewerToken(sandboxAppSecret, BENCH_SHOW_ID, expiresAt, { viewerId: randomUUID(), preview: false }),
    events: [
      { n: 1, type: "view", ago: 15_000 },
      { n: 2, type: "beat", ago: 0 },
    ],
  }),
);

const { default: prisma } = await import("../../../app/db.server");
let run: () => Promise<number>;
if (target === "live-shows") {
  const { flushViewerActivity, receiveViewerBeacon } = await import("../../../app/analytics/viewer-ingest.server");
  run = async () => {
    let counted = 0;
    let flushed = performance.now();
    for (const body of bodies) {
      const answer = await receiveViewerBeacon(BENCH_SHOP, BENCH_SHOW_ID, body);
      if ("counted" in answer.body) counted += answer.body.counted;
      if (performance.now() - flushed >= FLUSH_MS) {
        await flushViewerActivity();
        flushed = performance.now();
      }
    }
    await flushViewerActivity();
    return counted;
  };
} else {
  const { parseBeacon } = await import("../../../app/analytics/beacon-input");
  const { readViewerToken } = await import("../../../app/realtime/viewer-token.server");
  await prisma.$executeRawUnsafe(
    `CREATE TABLE IF NOT EXISTS "BenchViewerEvent" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "shop" TEXT NOT NULL, "showId" TEXT NOT NULL, "viewerId" TEXT NOT NULL, "n" INTEGER NOT NULL, "type" TEXT NOT NULL, "at" INTEGER NOT NULL)`,
  );
  run = async () => {
    let counted = 0;
    for (const body of bodies) {
      const parsed = parseBeacon(body);
      const token = parsed.ok ? readViewerToken(sandboxAppSecret, parsed.body.token, BENCH_SHOW_ID, new Date()) : null;
      if (!parsed.ok || !token?.viewer) continue;
      const now = Date.now();
      for (const event of parsed.body.events) {
        await prisma.$executeRaw`INSERT INTO "BenchViewerEvent" ("shop", "showId", "viewerId", "n", "type", "at") VALUES (${BENCH_SHOP}, ${BENCH_SHOW_ID}, ${token.viewer.viewerId}, ${event.n}, ${event.type}, ${now - event.ago})`;
        counted += 1;
      }
    }
    return counted;
  };
}

// The database's first statements (connection, the show's lookup) are not the design's cost.
await prisma.show.findFirst({ where: { id: BENCH_SHOW_ID, shop: BENCH_SHOP } });
const cpu = process.cpuUsage();
const started = performance.now();
const events = await run();
const wallSeconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ events, wallSeconds, cpuSeconds: (used.user + used.system) / 1e6 }));
await prisma.$disconnect();
