// What a storefront request may carry, checked before anything is looked up.
import { z } from "zod";
import type { ShowSelector } from "./bootstrap.server";

/** A show id, or "current": the shop's live show, else its next one, else its latest replay. */
export const showSelector = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/)
  .transform((id): ShowSelector => (id === "current" ? { kind: "current" } : { kind: "id", showId: id }));

export const bootstrapQuery = z.object({
  /** A rehearsal's preview token, from the link the merchant opened. */
  preview: z.string().max(2048).optional(),
  /** The embed asks for the show and its playback only. */
  lite: z.literal("1").optional(),
});

export const calendarQuery = z.object({
  /** The storefront page that plays the show, for the calendar entry's link. */
  url: z.string().max(2048).optional(),
});
