import { z } from "zod";

const lineupProduct = z.object({
  id: z.string().startsWith("gid://shopify/Product/", "must be a Shopify product"),
  title: z.string().min(1),
  handle: z.string().default(""),
  imageUrl: z.string().url().nullable().default(null),
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
    .pipe(z.string().url("Use a full image address starting with https://").nullable())
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

/** The show form, as the browser posts it. Field messages are what the merchant reads. Parse it with safeParseAsync. */
export function showInput(lookupHost: HostLookup) {
  return showFields.extend(hostFields(lookupHost)).transform(resolveHost);
}

export type ShowInput = z.output<ReturnType<typeof showInput>>;
export type ShowHostInput = z.output<ReturnType<typeof showHostInput>>;
