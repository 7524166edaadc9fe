import { describe, expect, it } from "vitest";
import { fieldErrors } from "~/http/field-errors";
import { futureUtcHour, shifted, wallClock } from "../../tests/support/clock";
import { showHostInput, showInput as showInputFor, type HostLookup } from "./show-input";

/** The shop's creators as the server's lookup would answer: Ada may host, Ivy is deactivated, anything else is not the shop's. */
const lookupHost: HostLookup = async (creatorId) => {
  if (creatorId === "ada") return { ok: true, id: "ada", name: "Ada Lovelace" };
  if (creatorId === "ivy") return { ok: false, message: "Ivy is deactivated; reactivate them to give them shows." };
  return { ok: false, message: "This creator does not exist in your shop; choose one of your creators." };
};
const stockholm = { currency: "EUR", timezone: "Europe/Stockholm" };
/**
 * The form's clock: noon UTC, early afternoon in Stockholm in either season, and hours away from
 * a DST change (those come at 01:00 UTC), so every wall-clock time below names one instant.
 */
const NOW = futureUtcHour(1, 12);
const showInput = showInputFor(lookupHost, stockholm, NOW);
/** What the merchant types in the shop's datetime-local fields for an instant. */
const typed = (instant: Date) => wallClock(instant, stockholm.timezone);
/** The shows these tests plan start about a week after NOW. */
const SHOW_STARTS_AT = shifted(NOW, { days: 8, hours: 5 });

const valid = {
  title: "Winter knits live",
  description: "",
  startsAt: typed(SHOW_STARTS_AT),
  durationMinutes: "45",
  hostName: "Astrid",
  mode: "public",
  products: JSON.stringify([{ id: "gid://shopify/Product/9007199254741001", title: "Wool scarf", handle: "wool-scarf", imageUrl: null }]),
};

describe("showInput", () => {
  it("accepts a complete form and keeps product ids as strings", async () => {
    const parsed = await showInput.parseAsync(valid);
    expect(parsed.durationMinutes).toBe(45);
    expect(parsed.products[0]?.id).toBe("gid://shopify/Product/9007199254741001");
  });

  it("says what is wrong with each field in words", async () => {
    const result = await showInput.safeParseAsync({ ...valid, title: " ", durationMinutes: "2", products: "[]" });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!)).toEqual({
      title: "Give the show a title",
      durationMinutes: "A show lasts at least 5 minutes",
      products: "Pick at least one product for the show",
    });
  });

  it("rejects a product list that is not JSON or not Shopify products", async () => {
    expect(fieldErrors((await showInput.safeParseAsync({ ...valid, products: "{" })).error!).products).toMatch(/pick the products again/);
    const foreign = JSON.stringify([{ id: "gid://shopify/Order/1", title: "x" }]);
    expect(fieldErrors((await showInput.safeParseAsync({ ...valid, products: foreign })).error!).products).toBe("must be a Shopify product");
  });

  it("takes https addresses only for the cover and the lineup's images, which pages show", async () => {
    const cover = await showInput.parseAsync({ ...valid, coverImageUrl: " https://cdn.example.com/cover.jpg " });
    expect(cover.coverImageUrl).toBe("https://cdn.example.com/cover.jpg");
    for (const coverImageUrl of ["javascript:alert(document.cookie)", "data:image/svg+xml,<svg onload=alert(1)>", "http://cdn.example.com/cover.jpg"]) {
      const refused = await showInput.safeParseAsync({ ...valid, coverImageUrl });
      expect(fieldErrors(refused.error!), coverImageUrl).toEqual({ coverImageUrl: "Use a full image address starting with https://" });
    }
    const product = (imageUrl: string) => JSON.stringify([{ id: "gid://shopify/Product/1", title: "Scarf", imageUrl }]);
    expect(fieldErrors((await showInput.safeParseAsync({ ...valid, products: product("javascript:alert(1)") })).error!).products).toBe("must be an https image address");
    expect((await showInput.parseAsync({ ...valid, products: product("https://cdn.shopify.com/s/files/scarf.jpg") })).products[0]?.imageUrl).toBe("https://cdn.shopify.com/s/files/scarf.jpg");
  });
});

describe("the show's host", () => {
  it("keeps a typed name for someone who is not a creator, with no creator to pay", async () => {
    const parsed = await showInput.parseAsync({ ...valid, creatorId: "", hostName: "  Astrid " });
    expect(parsed).toMatchObject({ creatorId: null, hostName: "Astrid" });
  });

  it("takes a creator's name from the shop, not from the form", async () => {
    const parsed = await showInput.parseAsync({ ...valid, creatorId: "ada", hostName: "Someone forged" });
    expect(parsed).toMatchObject({ creatorId: "ada", hostName: "Ada Lovelace" });
  });

  it("answers a creator of another shop, or a deactivated one, on the host field in words", async () => {
    const forged = await showInput.safeParseAsync({ ...valid, creatorId: "rival-shop-creator" });
    expect(fieldErrors(forged.error!)).toEqual({ creatorId: "This creator does not exist in your shop; choose one of your creators." });
    const deactivated = await showInput.safeParseAsync({ ...valid, creatorId: "ivy" });
    expect(fieldErrors(deactivated.error!)).toEqual({ creatorId: "Ivy is deactivated; reactivate them to give them shows." });
  });

  it("reports a foreign creator alongside the other fields' errors", async () => {
    const result = await showInput.safeParseAsync({ ...valid, title: "", creatorId: "rival-shop-creator" });
    expect(Object.keys(fieldErrors(result.error!)).sort()).toEqual(["creatorId", "title"]);
  });

  it("means no host yet when neither a creator nor a name is given", async () => {
    expect(await showHostInput(lookupHost).parseAsync({})).toEqual({ creatorId: null, hostName: "" });
    expect(fieldErrors((await showHostInput(lookupHost).safeParseAsync({ hostName: "x".repeat(81) })).error!)).toEqual({
      hostName: "Keep the host's name under 80 characters",
    });
  });
});

describe("the show deal", () => {
  const deal = { dealEnabled: "on", dealKind: "percentage", dealAmount: "20", dealCode: "winter-knits", dealWindow: "show", dealMinutes: "45" };

  it("is off unless the merchant turns it on, whatever else the form carries", async () => {
    expect((await showInput.parseAsync({ ...valid, ...deal, dealEnabled: "" })).deal).toBeNull();
    expect((await showInput.parseAsync(valid)).deal).toBeNull();
  });

  it("keeps a percentage as basis points and the code in capitals, from the show's start", async () => {
    expect((await showInput.parseAsync({ ...valid, ...deal, dealAmount: "12.5" })).deal).toEqual({
      kind: "percentage",
      value: 1250,
      code: "WINTER-KNITS",
      window: { from: "show", minutes: 45 },
    });
  });

  it("reads a fixed amount in the shop's currency as integer minor units", async () => {
    const euros = await showInput.parseAsync({ ...valid, ...deal, dealKind: "fixed_amount", dealAmount: "4.90" });
    expect(euros.deal).toMatchObject({ kind: "fixed_amount", value: 490 });
    const yen = await showInputFor(lookupHost, { ...stockholm, currency: "JPY" }, NOW).safeParseAsync({ ...valid, ...deal, dealKind: "fixed_amount", dealAmount: "4.90" });
    expect(fieldErrors(yen.error!).dealAmount).toMatch(/at most the decimals JPY has/);
    expect((await showInputFor(lookupHost, { ...stockholm, currency: "JPY" }, NOW).parseAsync({ ...valid, ...deal, dealKind: "fixed_amount", dealAmount: "500" })).deal?.value).toBe(500);
  });

  it("takes 1 to 100 percent, and a fixed amount above zero", async () => {
    for (const [kind, amount, message] of [
      ["percentage", "0.5", "A percentage deal takes 1 to 100 % off"],
      ["percentage", "100.01", "A percentage deal takes 1 to 100 % off"],
      ["percentage", "12.345", "Use at most two decimals for a percentage"],
      ["percentage", "-5", "Enter a percentage like 20 or 12.5"],
      ["fixed_amount", "0.00", "A fixed amount off must be more than zero"],
    ] as const) {
      const result = await showInput.safeParseAsync({ ...valid, ...deal, dealKind: kind, dealAmount: amount });
      expect(fieldErrors(result.error!)).toEqual({ dealAmount: message });
    }
    expect((await showInput.parseAsync({ ...valid, ...deal, dealAmount: "100" })).deal?.value).toBe(10_000);
  });

  it("refuses codes shoppers could not type, beside the show's own errors", async () => {
    const result = await showInput.safeParseAsync({ ...valid, title: "", ...deal, dealCode: "20% OFF" });
    expect(fieldErrors(result.error!)).toEqual({
      title: "Give the show a title",
      dealCode: "Use letters, digits and dashes only, starting with a letter or digit: shoppers type this code",
    });
  });

  it("needs a custom window to end after it starts, and a show window in whole minutes", async () => {
    const dealStartsAt = typed(shifted(SHOW_STARTS_AT, { hours: 1 }));
    const dealEndsAt = typed(shifted(SHOW_STARTS_AT, { hours: 1, minutes: 30 }));
    const custom = { ...deal, dealWindow: "custom", dealStartsAt, dealEndsAt: dealStartsAt };
    expect(fieldErrors((await showInput.safeParseAsync({ ...valid, ...custom })).error!)).toEqual({ dealEndsAt: "The deal must end after it starts" });
    expect((await showInput.parseAsync({ ...valid, ...custom, dealEndsAt })).deal?.window).toEqual({ from: "custom", startsAt: dealStartsAt, endsAt: dealEndsAt });
    expect(fieldErrors((await showInput.safeParseAsync({ ...valid, ...deal, dealMinutes: "1.5" })).error!)).toEqual({
      dealMinutes: "Enter whole minutes from 1 to 1440 (a day)",
    });
  });

  it("needs the deal to end in the future, by the shop's clock", async () => {
    const over = "This deal would be over before it is saved; choose a time that ends in the future";
    // Stockholm is an hour or two ahead of UTC: a deal that ended there half an hour ago is over,
    // though the same wall-clock time read as UTC is still to come.
    const custom = { ...deal, dealWindow: "custom", dealStartsAt: typed(shifted(NOW, { hours: -1 })), dealEndsAt: typed(shifted(NOW, { minutes: -30 })) };
    expect(fieldErrors((await showInput.safeParseAsync({ ...valid, ...custom })).error!)).toEqual({ dealEndsAt: over });
    const endsSoon = typed(shifted(NOW, { minutes: 30 }));
    expect((await showInput.parseAsync({ ...valid, ...custom, dealEndsAt: endsSoon })).deal?.window).toMatchObject({ endsAt: endsSoon });

    // From the show's start: a show that started an hour ago with a 45-minute deal has no deal left.
    const pastShow = { ...valid, startsAt: typed(shifted(NOW, { hours: -1 })) };
    expect(fieldErrors((await showInput.safeParseAsync({ ...pastShow, ...deal })).error!)).toEqual({ dealMinutes: over });
    expect((await showInput.parseAsync({ ...pastShow, ...deal, dealMinutes: "90" })).deal?.window).toEqual({ from: "show", minutes: 90 });
  });
});
