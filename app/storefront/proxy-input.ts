// What a storefront request may carry, checked before anything is looked up.
import { isIP } from "node:net";
import { z } from "zod";
import type { ShowSelector } from "./bootstrap.server";

/** A show id, or "current": the shop's live show, else its next one, else its latest replay. */
export const showSelector = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/)
  .transform((id): ShowSelector => (id === "current" ? { kind: "current" } : { kind: "id", showId: id }));

/** Intl's regions include groupings that are not countries, and Shopify's CountryCode has none of them. */
const NOT_COUNTRIES = new Set(["EU", "EZ", "UN", "QO"]);
const regionNames = new Intl.DisplayNames("en", { type: "region", fallback: "none" });

function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && !NOT_COUNTRIES.has(code) && regionNames.of(code) !== undefined;
}

function isLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** Liquid writes an empty string for an object the storefront does not have: that is no value. */
const optionalText = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

export const bootstrapQuery = z.object({
  /** A rehearsal's preview token, from the link the merchant opened. */
  preview: z.string().max(2048).optional(),
  /** The embed asks for the show and its playback only. */
  lite: z.literal("1").optional(),
  /** The buyer's country (Liquid's localization.country.iso_code): prices are that country's market's. */
  country: optionalText(z.string().refine(isCountryCode, "must be an ISO 3166-1 alpha-2 country code such as SE, as localization.country.iso_code writes it")),
  /** The storefront's language (request.locale.iso_code), for writing prices in a market's currency. */
  locale: optionalText(z.string().max(35).refine(isLocale, "must be a language tag such as sv or en-GB, as request.locale.iso_code writes it")),
});

export const calendarQuery = z.object({
  /** The storefront page that plays the show, for the calendar entry's link. */
  url: z.string().max(2048).optional(),
});

/** What [app_proxy] in shopify.app.toml sets; a merchant may rename it, and Shopify says which in path_prefix. */
export const DEFAULT_PROXY_PATH = "/apps/live";

/**
 * The shopper's address on a signed proxy request. Shopify's proxy, not the shopper, is the app's
 * peer here, and it sets X-Forwarded-For to the address it was asked from; a load balancer in
 * front of the app may append its own peer (Shopify's) after it. So the first entry is the
 * shopper's, and it is believed only because the signature proves the request came through
 * Shopify: a shopper never sees a signed query to replay with a header of their own.
 */
export function shopperAddress(forwardedFor: string | null): string {
  const first = (forwardedFor ?? "").split(",")[0]?.trim() ?? "";
  const address = first.startsWith("::ffff:") && isIP(first.slice(7)) === 4 ? first.slice(7) : first;
  return isIP(address) ? address : "unknown";
}

/** Where the storefront reaches the app, from the signed path_prefix; the default for anything else. */
export function proxyPathOf(pathPrefix: string | null): string {
  return pathPrefix && /^\/(apps|a|community|tools)\/[A-Za-z0-9_-]{1,64}$/.test(pathPrefix) ? pathPrefix : DEFAULT_PROXY_PATH;
}
