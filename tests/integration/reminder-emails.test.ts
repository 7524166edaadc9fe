// Show reminders end to end over real HTTP and SMTP: a shopper asks through the sandbox
// storefront's app proxy, then passes email the reminders through the mail sandbox, once. This
// test process runs passes too, as another app instance would, with its clock given, so a lead
// time passes without waiting; the app runs them at the scheduler's door. Every address here is
// confirmed as soon as it asks, as its owner would through the emailed link.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CapturedMail } from "../sandbox/mail";
import { CUSTOMER_COOKIE } from "../sandbox/shopify/storefront/cookies";
import { storefrontOf } from "../sandbox/shopify/storefront/registry";
import { futureWallClock, wallClock, zonedInstant } from "../support/clock";
import { startStack, type Stack } from "../support/stack";
import type { StorefrontShop } from "../support/storefront-shop";

const CRON_SECRET = "reminders-cron-secret";
const MINUTE = 60_000;

let stack: Stack;
let shop: StorefrontShop;
let prisma: typeof import("~/db.server").default;
let passes: typeof import("~/storefront/reminder-emails.server");
let shops: typeof import("../support/storefront-shop");

beforeAll(async () => {
  stack = await startStack({ env: { CRON_SECRET } });
  // This process mails through the same sandbox as the app. The environment is read once, when
  // the database module loads, so the app's modules are loaded only now.
  process.env.MAIL_URL = stack.mail.url;
  const { env } = await import("~/env.server");
  expect(env().MAIL_URL).toBe(stack.mail.url);
  prisma = (await import("~/db.server")).default;
  passes = await import("~/storefront/reminder-emails.server");
  shops = await import("../support/storefront-shop");
  shop = await shops.openStorefrontShop(stack);
});

afterAll(async () => {
  await stack?.close();
  delete process.env.MAIL_URL;
});

const address = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.se`;
const isConfirmation = (mail: CapturedMail) => mail.text.includes("/apps/live/reminders/confirm?token=");
/** The reminder emails to the address (its confirmation email left out). */
const mailTo = (to: string): CapturedMail[] => stack.mail.messages.filter((mail) => mail.to.includes(to) && !isConfirmation(mail));
const sentIds = (pass: { sent: { reminderId: string }[] }) => pass.sent.map((entry) => entry.reminderId);

/**
 * Asks as the storefront's form does, then confirms the address through the emailed link as its
 * owner would: only confirmed addresses are reminded (reminder-opt-in.test.ts tests that step).
 */
async function remind(target: StorefrontShop, showId: string, body: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(target.storefront(`/apps/live/shows/${showId}/reminders`), {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json", ...headers },
  });
  const email = body.email?.trim().toLowerCase();
  if (response.status === 201 && email) {
    const confirmation = stack.mail.messages.filter((mail) => mail.to.includes(email) && isConfirmation(mail)).at(-1);
    // On the sandbox's storefront, which stands in for every shop's own domain.
    const emailed = new URL(stack.mail.linkIn(confirmation as CapturedMail));
    const link = new URL(`${emailed.pathname}${emailed.search}`, stack.shopify.url);
    link.searchParams.set("shop", target.domain);
    const confirmed = await fetch(link, { method: "POST", body: new URLSearchParams({ token: link.searchParams.get("token") as string }) });
    expect(confirmed.status).toBe(200);
  }
  return response;
}

/** The shop's timezone in Shopify: the show form's times are its wall clock. */
const zoneOf = (target: StorefrontShop) => stack.shopify.state.getShop(target.domain).ianaTimezone;

/**
 * `time` on the shop's wall clock, `daysAhead` days from now. Each test takes a day of its own, a
 * week from any other test's, so a pass run at one test's clock finds no other test's shows.
 */
const showTime = (target: StorefrontShop, daysAhead: number, time: string) => futureWallClock(daysAhead, time, zoneOf(target));

/** The weekday, day and month of a wall clock's date, as the locale writes them: "Wednesday, July 16", "onsdag 12 mars". */
const dayWords = (local: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { timeZone: "UTC", weekday: "long", day: "numeric", month: "long" }).format(new Date(`${local.slice(0, 10)}T12:00:00Z`));

/** The zone's short name at the instant, as the locale writes it: "CET", "GMT+2", "EDT". */
const zoneWords = (instant: Date, timeZone: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" }).formatToParts(instant).find((part) => part.type === "timeZoneName")?.value;

/** An English reminder's "starts on Wednesday, July 16 at 7:00 PM GMT+2.", the instant where `timeZone` is, as a pattern that takes any space Intl writes. */
function englishStart(instant: Date, timeZone: string): RegExp {
  const local = wallClock(instant, timeZone);
  const hour = Number(local.slice(11, 13));
  const words = `starts on ${dayWords(local, "en")} at ${hour % 12 || 12}:${local.slice(14, 16)} ${hour < 12 ? "AM" : "PM"} ${zoneWords(instant, timeZone, "en")}.`;
  return new RegExp(words.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s"));
}

/** A show scheduled through the admin at `local` (the shop's wall clock), far from every other test's shows. */
async function scheduledShow(target: StorefrontShop, title: string, local: string) {
  const show = await shops.createShow(target, { title, products: [target.products.mug], startsAt: local });
  const { startsAt } = await prisma.show.findUniqueOrThrow({ where: { id: show.id } });
  return { ...show, startsAt, before: (minutes: number) => new Date(startsAt.getTime() - minutes * MINUTE) };
}

async function reminderOf(showId: string, email: string) {
  return prisma.showReminder.findFirstOrThrow({ where: { showId, email } });
}

describe("a reminder asked for on the storefront", () => {
  it("is emailed once, inside the lead time, in the shopper's language, with the shop's local time and the page it was asked on", async () => {
    const local = showTime(shop, 40, "19:30");
    const show = await scheduledShow(shop, "Vinterstickat <live> & fika", local);
    const to = address("guest");
    const page = `${stack.shopify.url}/pages/live`;
    expect((await remind(shop, show.id, { email: to, locale: "sv-SE", page })).status).toBe(201);
    const reminder = await reminderOf(show.id, to);
    expect(reminder).toMatchObject({ shop: shop.domain, locale: "sv-SE", pageUrl: page, sentAt: null });

    const early = await passes.sendDueReminderEmails({ now: new Date(show.before(15).getTime() - 1_000) });
    expect(sentIds(early)).not.toContain(reminder.id);
    expect(mailTo(to)).toEqual([]);

    const due = await passes.sendDueReminderEmails({ now: show.before(10) });
    expect(due.sent).toContainEqual({ shop: shop.domain, showId: show.id, reminderId: reminder.id });
    const [mail, ...more] = mailTo(to);
    expect(more).toEqual([]);
    expect(mail?.subject).toBe("Börjar snart: Vinterstickat <live> & fika");
    // 19:30 where the shop is (Stockholm), as the merchant typed it, whatever the server's zone.
    const zone = zoneWords(zonedInstant(local, zoneOf(shop)), zoneOf(shop), "sv-SE");
    expect(mail?.text).toContain(`Vinterstickat <live> & fika börjar ${dayWords(local, "sv-SE")} kl. 19:30 ${zone}. Värd: Astrid.`);
    expect(mail?.text).toContain(`Se live: ${page}`);
    expect(mail?.text).toContain("du bad Fjäll & Fika att påminna dig");
    expect(stack.mail.linkIn(mail as CapturedMail)).toBe(page);
    expect(mail?.html).toContain("Vinterstickat &lt;live&gt; &amp; fika");
    expect(mail?.html).toContain(`href="${page}"`);
    expect((await reminderOf(show.id, to)).sentAt).toEqual(show.before(10));

    // Again, later, and two at once (another instance and the scheduler): nothing more.
    expect(sentIds(await passes.sendDueReminderEmails({ now: show.before(9) }))).not.toContain(reminder.id);
    const [one, other] = await Promise.all([passes.sendDueReminderEmails({ now: show.before(5) }), passes.sendDueReminderEmails({ now: show.before(5) })]);
    expect([...sentIds(one), ...sentIds(other)]).not.toContain(reminder.id);
    expect(mailTo(to)).toHaveLength(1);
  });

  it("is emailed once when two instances run their passes at the same moment", async () => {
    const show = await scheduledShow(shop, "Two instances", showTime(shop, 47, "20:00"));
    const addresses = [address("one"), address("two"), address("three"), address("four")];
    for (const to of addresses) expect((await remind(shop, show.id, { email: to, locale: "en" })).status).toBe(201);

    const passesAtOnce = await Promise.all([1, 2, 3].map(() => passes.sendDueReminderEmails({ now: show.before(3) })));
    const sent = passesAtOnce.flatMap(sentIds);
    expect(sent).toHaveLength(addresses.length);
    expect(new Set(sent).size).toBe(addresses.length);
    for (const to of addresses) {
      expect(mailTo(to)).toHaveLength(1);
      // No page came with the reminder: the link is the shop's storefront.
      expect(stack.mail.linkIn(mailTo(to)[0] as CapturedMail)).toBe(`${stack.shopify.url}/`);
    }
  });

  it("is not emailed for a show that was archived, has ended, or is past its planned end without going live", async () => {
    const sameTime = showTime(shop, 54, "19:00");
    const archived = await scheduledShow(shop, "Archived", sameTime);
    const ended = await scheduledShow(shop, "Ended", sameTime);
    const stale = await scheduledShow(shop, "Never went live", showTime(shop, 61, "19:00"));
    const to = { archived: address("archived"), ended: address("ended"), stale: address("stale") };
    expect((await remind(shop, archived.id, { email: to.archived })).status).toBe(201);
    expect((await remind(shop, ended.id, { email: to.ended })).status).toBe(201);
    expect((await remind(shop, stale.id, { email: to.stale })).status).toBe(201);

    await shops.showCommand(shop, archived.id, { intent: "archive" });
    await stack.mux.connectEncoder(ended.muxLiveStreamId);
    await stack.mux.webhooks.settled();
    await shops.showCommand(shop, ended.id, { intent: "end_show" });
    expect(await prisma.show.findMany({ where: { id: { in: [archived.id, ended.id] } }, select: { status: true }, orderBy: { title: "asc" } })).toEqual([
      { status: "archived" },
      { status: "ended" },
    ]);

    const pass = await passes.sendDueReminderEmails({ now: archived.before(10) });
    expect(pass.sent.map((entry) => entry.showId)).not.toContain(archived.id);
    expect(pass.sent.map((entry) => entry.showId)).not.toContain(ended.id);
    expect(mailTo(to.archived)).toEqual([]);
    expect(mailTo(to.ended)).toEqual([]);
    expect((await reminderOf(archived.id, to.archived)).sentAt).toBeNull();

    // The show the encoder never reached is no longer "starting soon" once its 45 minutes are over.
    const late = await passes.sendDueReminderEmails({ now: new Date(stale.startsAt.getTime() + 45 * MINUTE) });
    expect(late.sent.map((entry) => entry.showId)).not.toContain(stale.id);
    expect(mailTo(to.stale)).toEqual([]);
  });

  it("goes to the email the storefront shows a signed-in customer, and is kept unsent without one", async () => {
    const show = await scheduledShow(shop, "Signed in", showTime(shop, 68, "18:00"));
    const email = address("kari");
    const customer = storefrontOf(stack.shopify.state).customers.signIn(shop.domain, email);
    const asCustomer = { cookie: `${CUSTOMER_COOKIE}=${customer.id.split("/").pop()}` };

    // The block hands the signed-in customer's email to its script.
    storefrontOf(stack.shopify.state).theme.configure(shop.domain, { home: [{ block: "live-show", settings: { show_id: show.id } }], product: [], embeds: {} });
    const storefrontPage = await (await fetch(shop.storefront("/"), { headers: asCustomer })).text();
    expect(storefrontPage).toContain(`data-customer-email="${email}"`);
    expect(await (await fetch(shop.storefront("/"))).text()).toContain('data-customer-email=""');

    expect((await remind(shop, show.id, { email, locale: "en", page: `${stack.shopify.url}/` }, asCustomer)).status).toBe(201);
    const reminder = await reminderOf(show.id, email);
    expect(reminder.customerId).toBe(customer.id);

    // As for a customer who signs in by phone: the storefront has no email to give.
    const byPhone = storefrontOf(stack.shopify.state).customers.signIn(shop.domain, address("phone"));
    expect((await remind(shop, show.id, { email: "", locale: "en" }, { cookie: `${CUSTOMER_COOKIE}=${byPhone.id.split("/").pop()}` })).status).toBe(201);
    const unreachable = await prisma.showReminder.findFirstOrThrow({ where: { showId: show.id, customerId: byPhone.id } });
    expect(unreachable.email).toBeNull();

    const pass = await passes.sendDueReminderEmails({ now: show.before(1) });
    expect(sentIds(pass)).toContain(reminder.id);
    expect(pass.skipped).toContainEqual({ shop: shop.domain, showId: show.id, reminderId: unreachable.id, reason: "no_email" });
    expect(mailTo(email).map((mail) => mail.subject)).toEqual(["Starting soon: Signed in"]);
    expect((await prisma.showReminder.findUniqueOrThrow({ where: { id: unreachable.id } })).sentAt).toBeNull();
  });
});

describe("two shops' reminders in one pass", () => {
  it("each go out with their own shop's show, time zone and storefront, and a row naming another shop is never mailed", async () => {
    const other = await shops.openStorefrontShop(stack);
    // Both at 19:00 on the wall clock of Stockholm, where both shops are when their shows are made.
    const [oursAt, theirsAt] = [showTime(shop, 75, "19:00"), showTime(other, 75, "19:00")];
    const ours = await scheduledShow(shop, "Ours", oursAt);
    const theirs = await scheduledShow(other, "Theirs", theirsAt);
    // The other shop sells from its own domain, in New York.
    const newYork = "America/New_York";
    await prisma.shop.update({ where: { domain: other.domain }, data: { name: "Nordlys Garn", timezone: newYork, storefrontOrigins: "https://nordlys.example" } });

    const to = { ours: address("ours"), theirs: address("theirs"), crossed: address("crossed") };
    const page = `${stack.shopify.url}/pages/live`;
    expect((await remind(shop, ours.id, { email: to.ours, locale: "en", page })).status).toBe(201);
    // Asked on a page that is not the other shop's storefront: the email links to its domain instead.
    expect((await remind(other, theirs.id, { email: to.theirs, locale: "en", page })).status).toBe(201);
    expect((await reminderOf(theirs.id, to.theirs)).pageUrl).toBeNull();
    // A shop's proxy cannot remind for another shop's show.
    expect((await remind(other, ours.id, { email: to.crossed })).status).toBe(404);
    await prisma.showReminder.create({ data: { shop: other.domain, showId: ours.id, email: to.crossed } });

    await passes.sendDueReminderEmails({ now: ours.before(10) });
    const [oursMail] = mailTo(to.ours);
    const [theirsMail] = mailTo(to.theirs);
    expect(oursMail?.subject).toBe("Starting soon: Ours");
    expect(oursMail?.text).toMatch(englishStart(zonedInstant(oursAt, zoneOf(shop)), zoneOf(shop)));
    expect(oursMail?.text).toContain("asked Fjäll & Fika to remind you");
    expect(stack.mail.linkIn(oursMail as CapturedMail)).toBe(page);
    expect(theirsMail?.subject).toBe("Starting soon: Theirs");
    // The same instant, written where the shop now is.
    expect(theirsMail?.text).toMatch(englishStart(zonedInstant(theirsAt, zoneOf(other)), newYork));
    expect(theirsMail?.text).toContain("asked Nordlys Garn to remind you");
    expect(stack.mail.linkIn(theirsMail as CapturedMail)).toBe("https://nordlys.example/");
    expect(mailTo(to.crossed)).toEqual([]);
  });
});

describe("the scheduler's door, /jobs/reminders", () => {
  const call = (token: string) => fetch(`${stack.appUrl}/jobs/reminders`, { method: "POST", headers: { authorization: `Bearer ${token}` } });

  it("needs the scheduler's token, and sends what is due once however many calls overlap", async () => {
    const show = await scheduledShow(shop, "Through the door", shops.shopLocalTime(10));
    const to = address("door");
    expect((await remind(shop, show.id, { email: to, locale: "de" })).status).toBe(201);
    const reminder = await reminderOf(show.id, to);

    expect((await call("not-the-secret")).status).toBe(401);
    expect(mailTo(to)).toEqual([]);
    const answer = async (token: string) => {
      const response = await call(token);
      expect(response.status).toBe(200);
      return (await response.json()) as { sent: { reminderId: string }[] };
    };
    const overlapping = await Promise.all([answer(CRON_SECRET), answer(CRON_SECRET), passes.sendDueReminderEmails()]);
    expect(overlapping.flatMap(sentIds).filter((id) => id === reminder.id)).toHaveLength(1);
    expect(mailTo(to).map((mail) => mail.subject)).toEqual(["Beginnt bald: Through the door"]);
  });
});
