// What the player may send to the chat, checked before anything is looked up. The text itself is
// judged by message-text.ts, after this: a message too long or all links gets its own reason.
import { z } from "zod";
import { bootstrapQuery } from "~/storefront/proxy-input";

const flag = z.preprocess((value) => value === true || value === "on" || value === "true" || value === "1", z.boolean());

export const chatPostInput = z.object({
  /** The viewer token from the bootstrap (realtime.url's `token`). */
  token: z.string({ error: "The viewer token is missing: load the show again" }).min(1).max(2048),
  body: z.string({ error: "Send the message as `body`" }),
  /** A guest's nickname, kept by the browser; a signed-in customer's first name, which the block's Liquid knows. */
  nickname: z.string().max(1000).optional(),
  /** Asked as a question for the host (the control room's queue). */
  question: flag.optional(),
  /** The buyer's country and language, as the bootstrap takes them: the assistant's prices are that market's. */
  country: bootstrapQuery.shape.country,
  locale: bootstrapQuery.shape.locale,
});

export type ChatPostInput = z.infer<typeof chatPostInput>;

/** Replay and catch-up: messages between two offsets into the stream (ms), or the latest ones. */
export const chatHistoryQuery = z.object({
  from: z.coerce.number().int().min(0).max(7 * 24 * 3_600_000).optional(),
  to: z.coerce.number().int().min(0).max(7 * 24 * 3_600_000).optional(),
});
