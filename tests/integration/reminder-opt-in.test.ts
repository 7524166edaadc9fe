// "Remind me" by email is double opt-in, over real HTTP and SMTP: the storefront's form (through
// the sandbox's app proxy) writes a pending reminder and sends one confirmation email; the link
// in it opens a page on the shop's storefront whose button confirms; only then does the reminder
// email go. Sign-ups are limited per client address and confirmation emails per address, with
// the limits set as in production. Each test signs up from loopback addresses of its own
// (127.x.y.z), which the sandbox's proxy reports to the app as Shopify reports the shopper's.
import { randomInt, randomUUID } from "node:crypto";
import { Agent, fetch as fetchFrom } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CapturedMail } from "../sandbox/mail";
import { CUSTOMER_COOKIE } from "../sandbox/shopify/storefront/cookies";
import { storefrontOf } from "../sandbox/shopify/storefront/registry";
import { futureWallClock, shifted } from "../support/clock";
import { startStack, type Stack } from "../support/stack";
import type { StorefrontShop } from "../support/storefront-shop";
import type { ShowBootstrap } from "~/storefront/bootstrap-contract";

const MINUTE = 60_000;

let stack: Stack;
let shop: StorefrontShop;
let prisma: typeof import("~/db.server").default;
let passes: typeof import("~/storefront/reminder-emails.server");
let limits: typeof import("~/storefront/rate-limit.server");
let rules: typeof import("~/storefront/reminders.server");
let shops: typeof import("../support/storefront-shop");
const agents: Agent[] = [];

beforeAll(async () => {
  stack = await startStack({ env: { REMINDER_SIGNUPS_PER_ADDRESS: "5", REMINDER_CONFIRMATIONS_PER_EMAIL: "3" } });
  // This process runs reminder passes as another instance would, mailing through the same sandbox.
  process.env.MAIL_URL = stack.mail.url;
  prisma = (await import("~/db.server")).default;
  passes = await import("~/storefront/reminder-emails.server");
  limits = await import("~/storefront/rate-limit.server");
  rules = await import("~/storefront/reminders.server");
  shops = await import("../support/storefront-shop");
  shop = await shops.openStorefrontShop(stack);
});

afterAll(async () => {
  await Promise.all(agents.map((agent) => agent.close()));
  await stack?.close();
  delete process.env.MAIL_URL;
});

const address = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.se`;
const mailTo = (to: string): CapturedMail[] => stack.mail.messages.filter((mail) => mail.to.includes(to));

/** A shopper at a loopback address no other test (nor any other test file, which use 127.0.0.1) signs up from. */
function shopper() {
  const ip = `127.${randomInt(1, 255)}.${randomInt(1, 255)}.${randomInt(2, 255)}`;
  const agent = new Agent({ localAddress: ip });
  agents.push(agent);
  return {
    ip,
    remind: (target: StorefrontShop, showId: string, body: Record<string, string>, headers: Record<string, string> = {}) =>
      fetchFrom(target.storefront(`/apps/live/shows/${showId}/reminders`), {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "content-type": "application/json", ...headers },
        dispatcher: agent,
      }),
  };
}

/** Each test's shows on days of their own, far from any other file's, so a pass at one test's clock finds only its shows. */
async function scheduledShow(target: StorefrontShop, title: string, daysAhead: number) {
  const zone = stack.shopify.state.getShop(target.domain).ianaTimezone;
  const show = await shops.createShow(target, { title, products: [target.products.mug], startsAt: futureWallClock(daysAhead, "19:00", zone) });
  const { startsAt } = await prisma.show.findUniqueOrThrow({ where: { id: show.id } });
  return { ...show, startsAt, before: (minutes: number) => new Date(startsAt.getTime() - minutes * MINUTE) };
}

/** The confirmation link of the mail, opened on the shop's storefront (the sandbox names the shop in the query). */
function confirmationLinkIn(mail: CapturedMail | undefined, target: StorefrontShop): string {
  const link = stack.mail.linkIn(mail as CapturedMail);
  expect(link).toMatch(new RegExp(`^${stack.shopify.url}/apps/live/reminders/confirm\\?token=`));
  return `${link}&shop=${target.domain}`;
}

const openLink = (link: string, headers: Record<string, string> = {}) => fetch(link, { headers });
const pressConfirm = (link: string) =>
  fetch(link, { method: "POST", body: new URLSearchParams({ token: new URL(link).searchParams.get("token") as string }), headers: { "content-type": "application/x-www-form-urlencoded" } });

async function reminderOf(showId: string, email: string) {
  return prisma.showReminder.findFirstOrThrow({ where: { showId, email } });
}

describe("a reminder asked for by email", () => {
  it("sends only a confirmation email in the shopper's language; the link's page confirms on its button; then the reminder goes once", async () => {
    const show = await scheduledShow(shop, "Vinterstickat", 103);
    const to = address("guest");
    const page = `${stack.shopify.url}/pages/live`;
    const response = await shopper().remind(shop, show.id, { email: to, locale: "sv-SE", page });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ saved: true, confirm: true });
    const pending = await reminderOf(show.id, to);
    expect(pending).toMatchObject({ confirmedAt: null, sentAt: null, locale: "sv-SE", pageUrl: page });
    expect(pending.confirmationSentAt).not.toBeNull();

    const [confirmation, ...more] = mailTo(to);
    expect(more).toEqual([]);
    expect(confirmation?.subject).toBe("Bekräfta din påminnelse: Vinterstickat");
    expect(confirmation?.text).toContain("Bekräfta att du vill att Fjäll & Fika mejlar dig innan Vinterstickat börjar");
    const link = confirmationLinkIn(confirmation, shop);

    // Due, but not confirmed: nothing goes.
    const early = await passes.sendDueReminderEmails({ now: show.before(10) });
    expect(early.sent.map((entry) => entry.reminderId)).not.toContain(pending.id);
    expect(mailTo(to)).toHaveLength(1);

    // Opening the link (as a mail scanner would) asks; it confirms nothing.
    const asked = await openLink(link);
    expect(asked.status).toBe(200);
    expect(asked.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(asked.headers.get("referrer-policy")).toBe("no-referrer");
    const askPage = await asked.text();
    expect(askPage).toContain('<html lang="sv">');
    expect(askPage).toContain(">Bekräfta påminnelsen</button>");
    expect((await reminderOf(show.id, to)).confirmedAt).toBeNull();

    const confirmed = await pressConfirm(link);
    expect(confirmed.status).toBe(200);
    const donePage = await confirmed.text();
    expect(donePage).toContain("Tack. Vi mejlar dig innan Vinterstickat börjar.");
    expect(donePage).toContain(`href="${page}"`);
    const confirmedAt = (await reminderOf(show.id, to)).confirmedAt;
    expect(confirmedAt).not.toBeNull();
    // Pressing again changes nothing.
    expect(await (await pressConfirm(link)).text()).toContain("Tack. Vi mejlar dig");
    expect((await reminderOf(show.id, to)).confirmedAt).toEqual(confirmedAt);

    const due = await passes.sendDueReminderEmails({ now: show.before(9) });
    expect(due.sent).toContainEqual({ shop: shop.domain, showId: show.id, reminderId: pending.id });
    expect(mailTo(to).map((mail) => mail.subject)).toEqual(["Bekräfta din påminnelse: Vinterstickat", "Börjar snart: Vinterstickat"]);
  });

  it("is never emailed while unconfirmed, and the address is forgotten once its last link has expired", async () => {
    const show = await scheduledShow(shop, "Never confirmed", 110);
    const to = address("silent");
    expect((await shopper().remind(shop, show.id, { email: to, locale: "en" })).status).toBe(201);
    const pending = await reminderOf(show.id, to);

    for (const minutes of [14, 5, 1]) {
      const pass = await passes.sendDueReminderEmails({ now: show.before(minutes) });
      expect(pass.sent.map((entry) => entry.reminderId)).not.toContain(pending.id);
      expect(pass.skipped.map((entry) => entry.reminderId)).not.toContain(pending.id);
    }
    expect(mailTo(to).map((mail) => mail.subject)).toEqual(["Confirm your reminder: Never confirmed"]);

    // Within the day the link works the address is kept; past it, the next pass forgets it. (The
    // pass's clock is the real one: other files' pending reminders are minutes old, and stay.)
    const { forgetUnconfirmedReminders } = await import("~/storefront/reminder-confirmations.server");
    await forgetUnconfirmedReminders();
    expect(await prisma.showReminder.count({ where: { id: pending.id } })).toBe(1);
    await prisma.showReminder.update({ where: { id: pending.id }, data: { confirmationSentAt: shifted(new Date(), { hours: -25 }) } });
    expect(await forgetUnconfirmedReminders()).toBeGreaterThanOrEqual(1);
    expect(await prisma.showReminder.count({ where: { id: pending.id } })).toBe(0);
  });

  it("confirms nothing with a link that was altered, has expired, or is opened on another shop's storefront", async () => {
    const other = await shops.openStorefrontShop(stack);
    const show = await scheduledShow(shop, "Tampered", 117);
    const to = address("tamper");
    expect((await shopper().remind(shop, show.id, { email: to, locale: "de" })).status).toBe(201);
    const link = confirmationLinkIn(mailTo(to)[0], shop);
    const token = new URL(link).searchParams.get("token") as string;
    const pending = await reminderOf(show.id, to);

    const altered = link.replace(encodeURIComponent(token), encodeURIComponent(`${token.slice(0, -2)}xx`));
    expect(await (await pressConfirm(altered)).text()).toContain("This link has expired or no longer works.");
    const elsewhere = link.replace(`shop=${shop.domain}`, `shop=${other.domain}`);
    expect(await (await pressConfirm(elsewhere)).text()).toContain("This link has expired or no longer works.");
    // Signed as the app signs, but a day old: the page says so in the reminder's language.
    const { signConfirmationToken } = await import("~/storefront/confirmation-token");
    const stale = signConfirmationToken(process.env.APP_SECRET as string, pending.id, shifted(new Date(), { minutes: -1 }));
    const expired = `${stack.shopify.url}/apps/live/reminders/confirm?token=${encodeURIComponent(stale)}&shop=${shop.domain}`;
    expect(await (await pressConfirm(expired)).text()).toContain("Dieser Link ist abgelaufen oder funktioniert nicht mehr.");
    expect((await reminderOf(show.id, to)).confirmedAt).toBeNull();
  });

  it("asks a signed-in customer to confirm the email the storefront shows too, and says saved only once confirmed", async () => {
    const show = await scheduledShow(shop, "Signed in", 124);
    const email = address("kari");
    const customer = storefrontOf(stack.shopify.state).customers.signIn(shop.domain, email);
    const asCustomer = { cookie: `${CUSTOMER_COOKIE}=${customer.id.split("/").pop()}` };
    const bootstrap = async () => ((await (await fetch(shop.storefront(`/apps/live/shows/${show.id}`), { headers: asCustomer })).json()) as ShowBootstrap).reminder;

    const visitor = shopper();
    expect(await (await visitor.remind(shop, show.id, { email, locale: "en" }, asCustomer)).json()).toEqual({ saved: true, confirm: true });
    expect(await reminderOf(show.id, email)).toMatchObject({ customerId: customer.id, confirmedAt: null });
    expect(await bootstrap()).toEqual({ signedIn: true, saved: false });
    // Asking again sends the link again.
    expect(await (await visitor.remind(shop, show.id, { email, locale: "en" }, asCustomer)).json()).toEqual({ saved: true, confirm: true });
    expect(mailTo(email)).toHaveLength(2);

    await pressConfirm(confirmationLinkIn(mailTo(email)[1], shop));
    expect(await bootstrap()).toEqual({ signedIn: true, saved: true });
    // Confirmed: asking again is the same reminder, and sends nothing.
    expect(await (await visitor.remind(shop, show.id, { email, locale: "en" }, asCustomer)).json()).toEqual({ saved: true, confirm: false });
    expect(mailTo(email)).toHaveLength(2);

    // A customer the storefront has no email for: kept, nothing to confirm, nothing sent.
    const byPhone = storefrontOf(stack.shopify.state).customers.signIn(shop.domain, address("phone"));
    const phoneResponse = await visitor.remind(shop, show.id, { email: "" }, { cookie: `${CUSTOMER_COOKIE}=${byPhone.id.split("/").pop()}` });
    expect(await phoneResponse.json()).toEqual({ saved: true, confirm: false });
    expect(await prisma.showReminder.findFirstOrThrow({ where: { showId: show.id, customerId: byPhone.id } })).toMatchObject({ email: null, confirmedAt: null });
  });
});

describe("the limits on reminder sign-ups", () => {
  it("answer a sixth sign-up from one address within 10 minutes with 429 and Retry-After, write nothing, and leave other addresses alone", async () => {
    const shows = await Promise.all([131, 131, 131].map((days, index) => scheduledShow(shop, `Busy ${index}`, days)));
    const busy = shopper();
    const emails = Array.from({ length: 6 }, (_, index) => address(`busy${index}`));
    for (const [index, email] of emails.slice(0, 5).entries()) {
      expect((await busy.remind(shop, (shows[index % 3] as (typeof shows)[number]).id, { email })).status).toBe(201);
    }
    const key = limits.rateLimitKey(rules.signupsPerAddress(), busy.ip);
    const slotsBefore = await prisma.rateLimitSlot.findMany({ where: { key }, orderBy: { slot: "asc" } });
    expect(slotsBefore).toHaveLength(5);

    const refused = await busy.remind(shop, (shows[0] as (typeof shows)[number]).id, { email: emails[5] as string });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ reason: "rate_limited", error: "Too many reminder sign-ups from this address. Try again later." });
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(9 * 60);
    expect(retryAfter).toBeLessThanOrEqual(10 * 60);
    expect(await prisma.showReminder.count({ where: { email: emails[5] } })).toBe(0);
    expect(mailTo(emails[5] as string)).toEqual([]);
    expect(await prisma.rateLimitSlot.findMany({ where: { key }, orderBy: { slot: "asc" } })).toEqual(slotsBefore);

    // Another shopper is not held back by this one.
    const next = address("next");
    expect((await shopper().remind(shop, (shows[0] as (typeof shows)[number]).id, { email: next })).status).toBe(201);
    expect(mailTo(next)).toHaveLength(1);
  });

  it("answer a fourth confirmation email to one address within a day with 429, from any client address, and write nothing", async () => {
    const shows = await Promise.all([138, 138, 138, 138].map((days, index) => scheduledShow(shop, `Bombed ${index}`, days)));
    const victim = address("victim");
    for (const show of shows.slice(0, 3)) expect((await shopper().remind(shop, show.id, { email: victim })).status).toBe(201);
    expect(mailTo(victim)).toHaveLength(3);

    const fourth = shopper();
    const refused = await fourth.remind(shop, (shows[3] as (typeof shows)[number]).id, { email: victim });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ reason: "rate_limited", error: "Too many confirmation emails to this address today. Try again later." });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(23 * 3600);
    expect(mailTo(victim)).toHaveLength(3);
    expect(await prisma.showReminder.count({ where: { showId: (shows[3] as (typeof shows)[number]).id } })).toBe(0);
    // The refused request's sign-up slot was given back: nothing of it is kept.
    expect(await prisma.rateLimitSlot.count({ where: { key: limits.rateLimitKey(rules.signupsPerAddress(), fourth.ip) } })).toBe(0);
    // Asking again for a pending reminder is a confirmation email too, and refused the same way.
    expect((await shopper().remind(shop, (shows[0] as (typeof shows)[number]).id, { email: victim })).status).toBe(429);
    expect(mailTo(victim)).toHaveLength(3);
  });
});
