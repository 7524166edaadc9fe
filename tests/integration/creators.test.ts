// Creators over real HTTP: the merchant invites and manages them in the embedded admin, the
// invitation goes out by SMTP (captured by the mail sandbox), and the creator signs in to their
// portal with a single-use magic link and a signed session cookie.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { hashLoginToken } from "~/creators/login-links.server";
import { startMailSandbox, type MailSandbox } from "../sandbox/mail";
import { buyFromShow, createPayoutShop, inviteThroughAdmin, liveShowHostedBy, signInLinkFor, type PayoutShop } from "../support/creator-payouts";
import { portalClient as newPortalClient } from "../support/portal-client";
import { startStack, type Stack } from "../support/stack";

let stack: Stack;
let mail: MailSandbox;

beforeAll(async () => {
  mail = await startMailSandbox();
  stack = await startStack({ env: { MAIL_URL: mail.url, MAIL_FROM: "Live Shows <creators@live-shows.example>" } });
});

afterAll(async () => {
  await stack?.close();
  await mail?.close();
});

const email = (label: string) => `${label}-${randomUUID().slice(0, 8)}@creators.example`;

const portalClient = () => newPortalClient(stack.appUrl);

const tokenOf = (link: string) => new URL(link).searchParams.get("token") ?? "";

async function signedInCreator(target: PayoutShop, name: string) {
  const address = email(name.toLowerCase());
  const since = Date.now();
  const creator = await inviteThroughAdmin(target, { name, email: address, percent: "12.5" });
  const link = await signInLinkFor(mail, address, since);
  const portal = portalClient();
  const signIn = await portal.post("/creator/sign-in", { intent: "use_link", token: tokenOf(link) });
  expect(signIn.status).toBe(302);
  expect(signIn.headers.get("location")).toBe("/creator");
  return { creator, portal, link, address };
}

describe("inviting a creator", () => {
  it("saves them at their rate and emails a single-use link whose hash alone is stored", async () => {
    const target = await createPayoutShop(stack, "creator-invite");
    const address = email("ada");
    const since = Date.now();
    const creator = await inviteThroughAdmin(target, { name: "Ada Lovelace", email: address.toUpperCase(), percent: "12.5" });
    expect(creator).toMatchObject({ email: address, name: "Ada Lovelace", commissionBps: 1250, status: "invited" });

    const message = await mail.waitForMessage((candidate) => candidate.to.includes(address) && candidate.receivedAt.getTime() >= since);
    expect(message.from).toBe("creators@live-shows.example");
    expect(message.subject).toBe("creator-invite shop invites you to host live shows");
    const link = mail.linkIn(message, "/creator/sign-in");
    expect(message.html).toContain("Open your creator portal");
    const tokens = await prisma.creatorLoginToken.findMany({ where: { shop: target.shop, creatorId: creator.id } });
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.tokenHash).toBe(hashLoginToken(tokenOf(link)));
    expect(tokens[0]!.tokenHash).not.toContain(tokenOf(link));
  });

  it("answers field errors in words and saves nothing", async () => {
    const target = await createPayoutShop(stack, "creator-invalid");
    const response = await target.admin.post("/app/creators", { intent: "invite", name: "", email: "not-an-email", commissionPercent: "120" });
    const html = await response.text();
    expect(html).toContain("Enter the creator&#x27;s name");
    expect(html).toContain("Enter an email address such as ada@example.com");
    expect(html).toContain("Use a percentage from 0 to 100 with at most two decimals");
    expect(await prisma.creator.count({ where: { shop: target.shop } })).toBe(0);
  });

  it("refuses the same address twice in one shop", async () => {
    const target = await createPayoutShop(stack, "creator-duplicate");
    const address = email("twice");
    await inviteThroughAdmin(target, { name: "Twice", email: address, percent: "10" });
    const again = await target.admin.post("/app/creators", { intent: "invite", name: "Twice", email: address, commissionPercent: "10" });
    expect(await again.text()).toContain("is already one of your creators");
    expect(await prisma.creator.count({ where: { shop: target.shop } })).toBe(1);
  });
});

describe("the magic link", () => {
  it("signs the creator in once, into a session that shows their portal", async () => {
    const target = await createPayoutShop(stack, "creator-link");
    const { creator, portal, link } = await signedInCreator(target, "Bea");
    expect(portal.cookie).toMatch(/^__live_shows_creator=/);

    const page = await portal.get("/creator");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Hi, Bea");
    expect(html).toContain("Set up payouts");
    expect(await prisma.creator.findUniqueOrThrow({ where: { id: creator.id } })).toMatchObject({ status: "active", lastSignInAt: expect.any(Date) });

    const reused = portalClient();
    const second = await reused.post("/creator/sign-in", { intent: "use_link", token: tokenOf(link) });
    expect(second.status).toBe(200);
    expect(await second.text()).toContain("This sign-in link has expired or was already used");
    expect(reused.cookie).toBe("");
    expect(await (await reused.get(`/creator/sign-in?token=${tokenOf(link)}`)).text()).toContain("This sign-in link cannot be used");
  });

  it("refuses an expired link", async () => {
    const target = await createPayoutShop(stack, "creator-expired");
    const creator = await inviteThroughAdmin(target, { name: "Cal", email: email("cal"), percent: "10" });
    const token = "expired-token-" + randomUUID().replace(/-/g, "");
    await prisma.creatorLoginToken.create({ data: { shop: target.shop, creatorId: creator.id, tokenHash: hashLoginToken(token), expiresAt: new Date(Date.now() - 1000) } });
    const response = await portalClient().post("/creator/sign-in", { intent: "use_link", token });
    expect(await response.text()).toContain("This sign-in link has expired or was already used");
  });

  it("sends the portal to sign-in without a session, or with a forged one", async () => {
    const anonymous = await portalClient().get("/creator");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe("/creator/sign-in");

    const forger = portalClient();
    forger.setCookie(`__live_shows_creator=${Buffer.from(JSON.stringify({ creatorId: "x", shop: "y" })).toString("base64")}.forged`);
    expect((await forger.get("/creator")).headers.get("location")).toBe("/creator/sign-in");
  });

  it("emails a new link on request without saying whether the address is known", async () => {
    const target = await createPayoutShop(stack, "creator-request");
    const address = email("dee");
    await inviteThroughAdmin(target, { name: "Dee", email: address, percent: "10" });
    const since = Date.now();
    const known = await portalClient().post("/creator/sign-in", { intent: "email_link", email: address });
    const unknown = await portalClient().post("/creator/sign-in", { intent: "email_link", email: email("nobody") });
    expect(await known.text()).toContain("a sign-in link is on its way");
    expect(await unknown.text()).toContain("a sign-in link is on its way");
    const message = await mail.waitForMessage((candidate) => candidate.to.includes(address) && candidate.receivedAt.getTime() >= since && candidate.subject.startsWith("Sign in"));
    expect(message.text).toContain("expires in 20 minutes");
  });
});

describe("the portal shows only the creator's own things", () => {
  it("reveals the stream key of a show they host, and nobody else's", async () => {
    const target = await createPayoutShop(stack, "creator-keys");
    const host = await signedInCreator(target, "Host");
    const other = await signedInCreator(target, "Other");
    const show = await liveShowHostedBy(stack, target, host.creator.id, { title: "Host's show" });
    await prisma.show.update({ where: { id: show.id }, data: { status: "scheduled" } });
    const streamKey = stack.mux.liveStream(show.muxLiveStreamId!)?.stream_key;
    expect(streamKey).toBeTruthy();

    const own = await host.portal.post("/creator?index", { intent: "reveal_stream_key", showId: show.id });
    expect(await own.text()).toContain(streamKey!);
    const portalPage = await (await host.portal.get("/creator")).text();
    expect(portalPage).toContain("Host&#x27;s show");
    expect(portalPage).not.toContain(streamKey!);

    const foreign = await other.portal.post("/creator?index", { intent: "reveal_stream_key", showId: show.id });
    const foreignHtml = await foreign.text();
    expect(foreignHtml).not.toContain(streamKey!);
    expect(foreignHtml).toContain("You can see the stream key only for upcoming shows you host.");
  });

  it("opens the Stripe dashboard through a login link once onboarding is submitted", async () => {
    const target = await createPayoutShop(stack, "creator-dashboard");
    const { portal, creator } = await signedInCreator(target, "Eve");
    const early = await portal.post("/creator?index", { intent: "stripe_dashboard" });
    expect(await early.text()).toContain("Finish setting up payouts with Stripe first");

    const onboarding = await portal.post("/creator?index", { intent: "stripe_onboarding" });
    expect(onboarding.status).toBe(302);
    const onboardingUrl = onboarding.headers.get("location")!;
    expect(onboardingUrl.startsWith(`${stack.stripe.url}/connect/onboarding/`)).toBe(true);
    // Submitting Stripe's form, as the creator's browser would.
    const submitted = await fetch(onboardingUrl, {
      method: "POST",
      body: new URLSearchParams({ full_name: "Eve Example", routing_number: "110000000", account_number: "000123456789", accept_terms: "yes" }),
      redirect: "manual",
    });
    expect(submitted.status).toBe(303);
    const returned = await portal.get(new URL(submitted.headers.get("location")!).pathname);
    expect(returned.headers.get("location")).toBe("/creator?stripe=returned");
    expect(await prisma.creator.findUniqueOrThrow({ where: { id: creator.id } })).toMatchObject({ payoutsEnabled: true, stripeDetailsSubmitted: true });
    expect(await (await portal.get("/creator?stripe=returned")).text()).toContain("You are set up: Stripe can now pay your commissions.");

    const dashboard = await portal.post("/creator?index", { intent: "stripe_dashboard" });
    expect(dashboard.status).toBe(302);
    expect(dashboard.headers.get("location")!.startsWith(`${stack.stripe.url}/connect/express/`)).toBe(true);
  });
});

describe("statements", () => {
  it("list the month's shows, orders and earnings in the admin and the portal, with the same CSV", async () => {
    const target = await createPayoutShop(stack, "creator-statement");
    const { creator, portal } = await signedInCreator(target, "Fay");
    const show = await liveShowHostedBy(stack, target, creator.id, { title: "=Fay's =HYPERLINK(\"x\") show", percent: "15" });
    await buyFromShow(stack, target, show.id, 2);
    const entry = await prisma.commissionEntry.findFirstOrThrow({ where: { shop: target.shop } });
    expect(entry.amountMinor).toBe(3000);
    const month = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit" }).format(entry.createdAt).slice(0, 7);

    const page = await target.admin.get(`/app/creators/${creator.id}/statement?month=${month}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("30.00 EUR");
    expect(html).toContain("15 %");

    const csv = await target.admin.get(`/app/creators/${creator.id}/statement.csv?month=${month}`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="statement-fay-${month}.csv"`);
    const rows = (await csv.text()).trim().split("\r\n");
    expect(rows[0]).toBe("date,type,show,order,line_item,quantity,sales_amount,rate_percent,amount,currency,status");
    // The title is defused so a spreadsheet shows it instead of running it.
    expect(rows[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2},earning,"'=Fay's =HYPERLINK\(""x""\) show",\d+,\d+,2,200\.00,15,30\.00,EUR,on hold$/);

    const portalCsv = await portal.get(`/creator/statements.csv?month=${month}`);
    expect(portalCsv.status).toBe(200);
    expect((await portalCsv.text()).trim().split("\r\n")).toEqual(rows);
    expect(await (await portal.get(`/creator/statements?month=${month}`)).text()).toContain("30.00 EUR");
  });

  it("refuse a month that is not a month", async () => {
    const target = await createPayoutShop(stack, "creator-bad-month");
    const creator = await inviteThroughAdmin(target, { name: "Gus", email: email("gus"), percent: "10" });
    const response = await target.admin.get(`/app/creators/${creator.id}/statement.csv?month=2026-13`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Pick a month such as 2026-12");
  });
});

describe("managing a creator", () => {
  it("saves the profile, refusing an avatar that is not an https link", async () => {
    const target = await createPayoutShop(stack, "creator-profile");
    const creator = await inviteThroughAdmin(target, { name: "Hal", email: email("hal"), percent: "10" });
    const refused = await target.admin.post(`/app/creators/${creator.id}`, { intent: "update_profile", name: "Hal", avatarUrl: "http://insecure.example/a.png", bio: "", commissionPercent: "10" });
    expect(await refused.text()).toContain("Use an https:// link to an image");

    await target.admin.post(`/app/creators/${creator.id}`, { intent: "update_profile", name: "Hal Host", avatarUrl: "https://cdn.example/hal.png", bio: "Knits, live.", commissionPercent: "7.25" });
    expect(await prisma.creator.findUniqueOrThrow({ where: { id: creator.id } })).toMatchObject({ name: "Hal Host", avatarUrl: "https://cdn.example/hal.png", bio: "Knits, live.", commissionBps: 725 });
  });

  it("deactivating ends the creator's sessions and links, and keeps them off new shows", async () => {
    const target = await createPayoutShop(stack, "creator-deactivate");
    const { creator, portal, address } = await signedInCreator(target, "Ivy");
    const since = Date.now();
    expect((await target.admin.post(`/app/creators/${creator.id}`, { intent: "resend_invitation" })).status).toBe(200);
    const unused = await signInLinkFor(mail, address, since);

    const response = await target.admin.post(`/app/creators/${creator.id}`, { intent: "deactivate" });
    expect(await response.text()).toContain("Deactivated.");
    expect((await portal.get("/creator")).headers.get("location")).toBe("/creator/sign-in");
    expect(await (await portalClient().post("/creator/sign-in", { intent: "use_link", token: tokenOf(unused) })).text()).toContain("expired or was already used");

    const show = await prisma.show.create({ data: { shop: target.shop, title: "Later", startsAt: new Date(Date.now() + 86_400_000), status: "scheduled" } });
    const assign = await target.admin.post(`/app/creators/${creator.id}`, { intent: "assign_show", showId: show.id, commissionPercent: "" });
    expect(await assign.text()).toContain("is deactivated; reactivate them to give them shows");
  });

  it("keeps shops apart: another shop can neither see nor change a creator", async () => {
    const target = await createPayoutShop(stack, "creator-owner");
    const rival = await createPayoutShop(stack, "creator-rival");
    const creator = await inviteThroughAdmin(target, { name: "Jo", email: email("jo"), percent: "10" });
    expect((await rival.admin.get(`/app/creators/${creator.id}`)).status).toBe(404);
    expect((await rival.admin.get(`/app/creators/${creator.id}/statement.csv`)).status).toBe(404);
    await rival.admin.post(`/app/creators/${creator.id}`, { intent: "update_profile", name: "Taken", avatarUrl: "", bio: "", commissionPercent: "90" });
    await rival.admin.post(`/app/creators/${creator.id}`, { intent: "deactivate" });
    expect(await prisma.creator.findUniqueOrThrow({ where: { id: creator.id } })).toMatchObject({ name: "Jo", commissionBps: 1000, status: "invited" });
    expect(await (await rival.admin.get("/app/creators")).text()).not.toContain(creator.email);
  });
});
