// `npm run demo`: the whole product offline on this machine. Starts the Shopify, Mux and
// Stripe emulators and the app on fixed local ports, seeds a shop with a catalog, invites two
// creators through the admin (their invitations land in the mail inbox), and prints where to
// go. Ctrl-C stops everything.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { PrismaClient } from "@prisma/client";
import { createDriverAdapter } from "../../app/db/driver-adapter.server";
import { ensureClientFor, prismaCli } from "../setup/database";
import { adminClient } from "../support/admin-client";
import { startStack, type Stack } from "../support/stack";
import { sandboxShopify } from "./config";

const ROOT = path.resolve(import.meta.dirname, "../..");
const databaseUrl = process.env.DATABASE_URL || `file:${path.join(ROOT, "prisma/demo.db")}`;
const port = (name: string, fallback: number) => Number(process.env[name] || fallback);

const DEMO_CREATORS = [
  { email: "astrid@example.com", name: "Astrid Lind", bio: "Knitwear and slow fashion, live from Gothenburg.", commissionPercent: "10" },
  { email: "noor@example.com", name: "Noor Bakker", bio: "Outdoor gear tested on Dutch dunes.", commissionPercent: "8" },
];

/**
 * The merchant invites the demo's creators in the embedded admin, as anyone would: the app saves
 * them, issues a sign-in link and emails the invitation, which lands in the mail sandbox's inbox.
 * The database outlives a run but the inbox does not, so a creator already saved by an earlier run
 * (and not deactivated) gets a fresh link through the creator page's "Email a sign-in link".
 * Answers a line per creator saying where they stand.
 */
async function inviteCreators(stack: Stack, shop: string): Promise<string[]> {
  const prisma = new PrismaClient({ adapter: createDriverAdapter(databaseUrl) });
  const admin = adminClient(stack.appUrl, stack.shopify, shop);
  const expect200 = async (what: string, response: Response) => {
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`The demo could not ${what}: the app answered ${response.status}`);
  };
  const lines: string[] = [];
  try {
    for (const creator of DEMO_CREATORS) {
      const since = Date.now();
      const existing = await prisma.creator.findUnique({ where: { shop_email: { shop, email: creator.email } } });
      if (existing?.status === "deactivated") {
        lines.push(`${existing.name} <${creator.email}>: deactivated in an earlier run, no link sent`);
        continue;
      }
      if (existing) {
        await expect200(`email ${creator.email} a sign-in link`, await admin.post(`/app/creators/${existing.id}`, { intent: "resend_invitation" }));
      } else {
        await expect200(`invite ${creator.email}`, await admin.post("/app/creators", { intent: "invite", ...creator }));
        const saved = await prisma.creator.findUniqueOrThrow({ where: { shop_email: { shop, email: creator.email } } });
        await expect200(
          `save ${creator.email}'s bio`,
          await admin.post(`/app/creators/${saved.id}`, { intent: "update_profile", name: creator.name, avatarUrl: "", bio: creator.bio, commissionPercent: creator.commissionPercent }),
        );
      }
      // The app answers once the mail server has taken the message, so it is in the inbox already;
      // waiting for it here turns a mail failure (which the admin shows in a banner) into an error.
      const mail = await stack.mail.waitForMessage((message) => message.to.includes(creator.email) && message.receivedAt.getTime() >= since, { timeoutMs: 10_000 });
      const { status } = await prisma.creator.findUniqueOrThrow({ where: { shop_email: { shop, email: creator.email } } });
      lines.push(`${creator.name} <${creator.email}>: ${status === "invited" ? "invited" : "active (signed in during an earlier run)"}, "${mail.subject}" in the inbox`);
    }
  } finally {
    await prisma.$disconnect();
  }
  return lines;
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
  let creators: string[];
  try {
    creators = await inviteCreators(stack, sandboxShopify.shopDomain);
  } catch (error) {
    await stack.close();
    throw error;
  }

  const shopify = stack.shopify.url;
  console.log(`
Live Shows is running offline, with sandbox Shopify, Mux and Stripe.

  Storefront (Northwind Outfitters):  ${shopify}/
  Shopify admin with the app:         ${shopify}/admin/apps/live-shows
  Go live (sandbox encoder):          ${stack.mux.url}/__sandbox/mux
  Adjust stock, pay an order:         ${shopify}/__sandbox?shop=${sandboxShopify.shopDomain}
  Mail sent by the app (invitations): ${stack.mail.inboxUrl}
  Creator portal sign-in:             ${stack.appUrl}/creator/sign-in
  App health:                         ${stack.appUrl}/healthz

Creators (open an invitation's link in the inbox to try their portal):
${creators.map((line) => `  ${line}`).join("\n")}

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
