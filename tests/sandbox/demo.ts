// `npm run demo`: the whole product offline on this machine. Starts the Shopify, Mux and
// Stripe emulators and the app on fixed local ports, seeds a shop with a catalog and two
// creators, and prints where to go. Ctrl-C stops everything.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { PrismaClient } from "@prisma/client";
import { createDriverAdapter } from "../../app/db/driver-adapter.server";
import { ensureClientFor, prismaCli } from "../setup/database";
import { startStack } from "../support/stack";
import { sandboxShopify } from "./config";

const ROOT = path.resolve(import.meta.dirname, "../..");
const databaseUrl = process.env.DATABASE_URL || `file:${path.join(ROOT, "prisma/demo.db")}`;
const port = (name: string, fallback: number) => Number(process.env[name] || fallback);

const DEMO_CREATORS = [
  { email: "astrid@example.com", name: "Astrid Lind", bio: "Knitwear and slow fashion, live from Gothenburg.", commissionBps: 1000 },
  { email: "noor@example.com", name: "Noor Bakker", bio: "Outdoor gear tested on Dutch dunes.", commissionBps: 800 },
];

async function seedCreators(shop: string) {
  const prisma = new PrismaClient({ adapter: createDriverAdapter(databaseUrl) });
  for (const creator of DEMO_CREATORS) {
    await prisma.creator.upsert({ where: { shop_email: { shop, email: creator.email } }, create: { shop, ...creator }, update: {} });
  }
  await prisma.$disconnect();
}

async function main() {
  console.log("Preparing the database and the app build…");
  ensureClientFor(databaseUrl);
  prismaCli(["migrate", "deploy"], databaseUrl);
  if (process.env.DEMO_SKIP_BUILD !== "1") {
    const build = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (build.status !== 0) throw new Error("The app build failed");
  }

  const stack = await startStack({
    appPort: port("PORT", 3000),
    shopifyPort: port("SANDBOX_SHOPIFY_PORT", 4100),
    muxPort: port("SANDBOX_MUX_PORT", 4200),
    stripePort: port("SANDBOX_STRIPE_PORT", 4300),
    mailPort: port("SANDBOX_MAIL_PORT", 4400),
    mailInboxPort: port("SANDBOX_MAIL_INBOX_PORT", 4401),
    env: { DATABASE_URL: databaseUrl, NODE_ENV: "development" },
  });
  await seedCreators(sandboxShopify.shopDomain);

  const shopify = stack.shopify.url;
  console.log(`
Live Shows is running offline, with sandbox Shopify, Mux and Stripe.

  Storefront (Northwind Outfitters):  ${shopify}/
  Shopify admin with the app:         ${shopify}/admin/apps/live-shows
  Go live (sandbox encoder):          ${stack.mux.url}/__sandbox/mux
  Adjust stock, pay an order:         ${shopify}/__sandbox?shop=${sandboxShopify.shopDomain}
  Mail sent by the app (invitations):  ${stack.mail.inboxUrl}
  Creator portal sign-in:             ${stack.appUrl}/creator/sign-in
  App health:                         ${stack.appUrl}/healthz

Press Ctrl-C to stop.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping…");
    await stack.close();
    console.log("Stopped.");
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

await main();
