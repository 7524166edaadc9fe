import { z } from "zod";
import { httpsAddress } from "~/http/web-address";
import { DEAL_CODE_PATTERN, DealAmountError, MAX_DEAL_CODE_LENGTH, dealValue, type DealKind } from "./show-deal";
import { zonedLocalToUtc } from "~/lib/zoned-time";

const lineupProduct = z.object({
  id: z.string().startsWith("gid://shopify/Product/", "must be a Shopify product"),
  title: z.string().min(1),
  handle: z.string().default(""),
  // App Bridge's resource picker gives Shopify's CDN (https); the sandbox's catalog is on this machine.
  imageUrl: httpsAddress("must be an https image address", { loopbackHttp: true }).nullable().default(null),
});

const simulcastTarget = z.object({
  label: z.enum(["YouTube", "Facebook", "TikTok", "Other"]),
  url: z.string().trim().regex(/^rtmps?:\/\/\S+$/, "Use the RTMP or RTMPS server URL the platform gives you"),
  streamKey: z.string().trim().min(1, "Enter the platform's stream key"),
});

function jsonField<T extends z.ZodType>(schema: T, unreadable: string) {
  return z
    .string()
    .default("[]")
    .transform((raw, context) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        context.addIssue({ code: "custom", message: unreadable });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

const showFields = z.object({
  title: z.string().trim().min(1, "Give the show a title").max(120, "Keep the title under 120 characters"),
  description: z.string().trim().max(2000, "Keep the description under 2,000 characters").default(""),
  startsAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Choose a date and time"),
  durationMinutes: z.coerce
    .number({ error: "Enter the expected length in minutes" })
    .int("Use whole minutes")
    .min(5, "A show lasts at least 5 minutes")
    .max(600, "A show lasts at most 10 hours"),
  mode: z.enum(["public", "rehearsal"], { error: "Choose public or rehearsal only" }),
  coverImageUrl: z
    .string()
    .trim()
    .transform((value) => value || null)
    .pipe(httpsAddress("Use a full image address starting with https://").nullable())
    .default(null),
  products: jsonField(
    z.array(lineupProduct).min(1, "Pick at least one product for the show").max(50, "A show can feature at most 50 products"),
    "The product list could not be read; pick the products again",
  ),
  simulcastTargets: jsonField(
    z.array(simulcastTarget).max(3, "Stream to at most three other platforms"),
    "The simulcast settings could not be read; enter them again",
  ),
});

/** Whether a creator may host in this shop: their id and name, or why not in words. */
export type HostLookup = (creatorId: string) => Promise<{ ok: true; id: string; name: string } | { ok: false; message: string }>;

/**
 * Who hosts: one of the shop's creators (who earns the commission), someone else by name, or
 * nobody yet. A posted creator id is only a claim until the shop's own lookup confirms it, and
 * the creator's name then replaces whatever name came with it.
 */
function hostFields(lookupHost: HostLookup) {
  return {
    creatorId: z
      .string()
      .trim()
      .default("")
      .transform(async (creatorId, context) => {
        if (!creatorId) return null;
        const host = await lookupHost(creatorId);
        if (host.ok) return { id: host.id, name: host.name };
        context.addIssue({ code: "custom", message: host.message });
        return z.NEVER;
      }),
    hostName: z.string().trim().max(80, "Keep the host's name under 80 characters").default(""),
  };
}

function resolveHost<T extends { creatorId: { id: string; name: string } | null; hostName: string }>({ creatorId: creator, ...rest }: T) {
  return { ...rest, creatorId: creator?.id ?? null, hostName: creator?.name ?? rest.hostName };
}

/** The host picker on its own, as the show page posts it. */
export function showHostInput(lookupHost: HostLookup) {
  return z.object(hostFields(lookupHost)).transform(resolveHost);
}

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** When the deal runs: from the show's start for some minutes, or between two times in the shop's timezone. */
export type DealWindow = { from: "show"; minutes: number } | { from: "custom"; startsAt: string; endsAt: string };

export interface ShowDealPlan {
  kind: DealKind;
  /** Basis points for a percentage, minor units of the shop's currency for a fixed amount. */
  value: number;
  code: string;
  window: DealWindow;
}

const dealKind = z.enum(["percentage", "fixed_amount"], { error: "Choose percentage off or a fixed amount off" });

/** A deal's code as shoppers will type it: the show form, the show page and a retry all read it so. */
export const dealCodeInput = z
  .string()
  .trim()
  .toUpperCase()
  .min(3, "Use a code of at least 3 characters")
  .max(MAX_DEAL_CODE_LENGTH, `Keep the code under ${MAX_DEAL_CODE_LENGTH + 1} characters, so shoppers can type it`)
  .regex(DEAL_CODE_PATTERN, "Use letters, digits and dashes only, starting with a letter or digit: shoppers type this code");

/** What a deal's fields are read against: the shop's money and clock, and the show's start when it is known. */
export interface DealContext {
  currency: string;
  timezone: string;
  now: Date;
  /** For a deal "from the show's start"; without it that window is checked with the show (see showInput). */
  showStartsAt?: Date;
}

/** When the deal's code stops working, in UTC. */
export function dealWindowEnd(window: DealWindow, showStartsAt: Date, timezone: string): Date {
  if (window.from === "show") return new Date(showStartsAt.getTime() + window.minutes * 60_000);
  return zonedLocalToUtc(window.endsAt, timezone);
}

const DEAL_OVER = "This deal would be over before it is saved; choose a time that ends in the future";

/** Every field is read as text first, so the merchant sees all the deal's problems in one answer. */
function dealFields({ currency, timezone, now, showStartsAt }: DealContext) {
  const text = z.string().default("");
  return z
    .object({ dealKind: text, dealAmount: text, dealCode: text, dealWindow: text, dealMinutes: text, dealStartsAt: text, dealEndsAt: text })
    .transform((fields, context): ShowDealPlan => {
      const issue = (field: string, message: string) => context.addIssue({ code: "custom", message, path: [field] });
      const kind = dealKind.safeParse(fields.dealKind);
      if (!kind.success) issue("dealKind", kind.error.issues[0]!.message);
      const code = dealCodeInput.safeParse(fields.dealCode);
      if (!code.success) issue("dealCode", code.error.issues[0]!.message);
      const value = kind.success ? dealAmount(kind.data, fields.dealAmount, currency, issue) : null;
      const window = dealWindow(fields, issue);
      // Shopify takes a code whose window has passed, but it would never apply, and the deal
      // would wait on the show page for a retry that cannot succeed.
      if (window && (window.from === "custom" || showStartsAt) && dealWindowEnd(window, showStartsAt ?? now, timezone) <= now) {
        issue(window.from === "custom" ? "dealEndsAt" : "dealMinutes", DEAL_OVER);
        return z.NEVER;
      }
      if (!kind.success || !code.success || value === null || !window) return z.NEVER;
      return { kind: kind.data, value, code: code.data, window };
    });
}

function dealAmount(kind: DealKind, amount: string, currency: string, issue: (field: string, message: string) => void): number | null {
  if (!amount.trim()) {
    issue("dealAmount", "Enter how much the deal takes off");
    return null;
  }
  let value: number;
  try {
    value = dealValue(kind, amount, currency);
  } catch (error) {
    if (!(error instanceof DealAmountError)) throw error;
    issue("dealAmount", error.message);
    return null;
  }
  if (kind === "percentage" && (value < 100 || value > 10_000)) {
    issue("dealAmount", "A percentage deal takes 1 to 100 % off");
    return null;
  }
  if (kind === "fixed_amount" && value <= 0) {
    issue("dealAmount", "A fixed amount off must be more than zero");
    return null;
  }
  return value;
}

function dealWindow(
  fields: { dealWindow: string; dealMinutes: string; dealStartsAt: string; dealEndsAt: string },
  issue: (field: string, message: string) => void,
): DealWindow | null {
  if (fields.dealWindow !== "show" && fields.dealWindow !== "custom") {
    issue("dealWindow", "Choose when the deal runs");
    return null;
  }
  if (fields.dealWindow === "show") {
    const minutes = Number(fields.dealMinutes);
    if (!/^\d+$/.test(fields.dealMinutes.trim()) || minutes < 1 || minutes > 24 * 60) {
      issue("dealMinutes", "Enter whole minutes from 1 to 1440 (a day)");
      return null;
    }
    return { from: "show", minutes };
  }
  const startsAt = LOCAL_TIME.test(fields.dealStartsAt);
  const endsAt = LOCAL_TIME.test(fields.dealEndsAt);
  if (!startsAt) issue("dealStartsAt", "Choose when the deal starts");
  if (!endsAt) issue("dealEndsAt", "Choose when the deal ends");
  if (!startsAt || !endsAt) return null;
  // Both are wall-clock times in the same timezone, "YYYY-MM-DDTHH:mm", so text order is time order.
  if (fields.dealEndsAt <= fields.dealStartsAt) {
    issue("dealEndsAt", "The deal must end after it starts");
    return null;
  }
  return { from: "custom", startsAt: fields.dealStartsAt, endsAt: fields.dealEndsAt };
}

/**
 * The form's "Show deal" section: null when the merchant left it off. Amounts are read in the
 * shop's currency and times in its timezone, so the schema is made per shop.
 */
export function showDealInput(context: DealContext) {
  const deal = dealFields(context);
  return z.looseObject({ dealEnabled: z.string().default("") }).transform((form, context) => {
    if (form.dealEnabled !== "on") return { deal: null };
    const parsed = deal.safeParse(form);
    if (parsed.success) return { deal: parsed.data };
    for (const issue of parsed.error.issues) context.addIssue({ code: "custom", message: issue.message, path: issue.path });
    return z.NEVER;
  });
}

/** The show form, as the browser posts it. Field messages are what the merchant reads. Parse it with safeParseAsync. */
export function showInput(lookupHost: HostLookup, shop: { currency: string; timezone: string }, now = new Date()) {
  // An intersection, so the deal's fields are checked in the same pass as the show's.
  return z.intersection(showFields.extend(hostFields(lookupHost)).transform(resolveHost), showDealInput({ ...shop, now })).superRefine((show, context) => {
    // A deal from the show's start ends with the show's own start time, known only once both are read.
    if (show.deal?.window.from !== "show") return;
    if (dealWindowEnd(show.deal.window, zonedLocalToUtc(show.startsAt, shop.timezone), shop.timezone) <= now) {
      context.addIssue({ code: "custom", message: DEAL_OVER, path: ["dealMinutes"] });
    }
  });
}

export type ShowInput = z.output<ReturnType<typeof showInput>>;
export type ShowHostInput = z.output<ReturnType<typeof showHostInput>>;
