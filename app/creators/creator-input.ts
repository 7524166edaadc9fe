// What the merchant may type about a creator, checked field by field with messages in words.
import { z } from "zod";
import { isWebAddress } from "~/http/web-address";
import { percentToBps } from "./commission-rate";

const commissionPercent = z
  .string({ error: "Enter a commission rate" })
  .trim()
  .min(1, "Enter a commission rate")
  .transform((value, context) => {
    const bps = percentToBps(value);
    if (bps === null) {
      context.addIssue({ code: "custom", message: "Use a percentage from 0 to 100 with at most two decimals, such as 12.5" });
      return z.NEVER;
    }
    return bps;
  });

const name = z.string().trim().min(1, "Enter the creator's name").max(80, "Use at most 80 characters");

export const inviteCreatorInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ error: "Enter an email address such as ada@example.com" })).pipe(z.string().max(254)),
  name,
  commissionPercent,
});

export const creatorProfileInput = z.object({
  name,
  avatarUrl: z
    .string()
    .trim()
    .max(500, "Use a shorter link")
    .refine((value) => value === "" || isWebAddress(value), "Use an https:// link to an image, or leave it empty")
    .transform((value) => (value === "" ? null : value)),
  bio: z.string().trim().max(280, "Keep the bio to 280 characters; it shows beside the player"),
  commissionPercent,
});

export const showAssignmentInput = z.object({
  showId: z.string().min(1, "Pick a show"),
  /** Empty: the show pays the creator's default rate. */
  commissionPercent: z
    .string()
    .trim()
    .transform((value, context) => {
      if (value === "") return null;
      const bps = percentToBps(value);
      if (bps === null) {
        context.addIssue({ code: "custom", message: "Use a percentage from 0 to 100 with at most two decimals, or leave it empty for the creator's default" });
        return z.NEVER;
      }
      return bps;
    }),
});

export type InviteCreatorInput = z.output<typeof inviteCreatorInput>;
export type CreatorProfileInput = z.output<typeof creatorProfileInput>;
export type ShowAssignmentInput = z.output<typeof showAssignmentInput>;
