// The chat settings the merchant controls, as forms send them: the shop's (Settings) and each
// show's (the control room). Checkboxes arrive as "on" or not at all.
import { z } from "zod";
import { MAX_BLOCKED_WORD_CHARACTERS, MAX_BLOCKED_WORDS, parseBlockedWords } from "./blocked-words";

export const MAX_SHIPPING_TEXT_CHARACTERS = 500;
/** Slow-mode choices the control room offers; 0 is off. */
export const SLOW_MODE_SECONDS = [0, 5, 10, 30, 60, 120] as const;

const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true" || value === "1", z.boolean());

export const chatSettingsInput = z.object({
  blockedWords: z
    .string()
    .max(MAX_BLOCKED_WORDS * (MAX_BLOCKED_WORD_CHARACTERS + 1), "The list of blocked words is too long")
    .default("")
    .transform(parseBlockedWords)
    .refine((words) => words.length <= MAX_BLOCKED_WORDS, `Block at most ${MAX_BLOCKED_WORDS} words or phrases`)
    .refine((words) => words.every((word) => word.length <= MAX_BLOCKED_WORD_CHARACTERS), `Keep each blocked word or phrase to ${MAX_BLOCKED_WORD_CHARACTERS} characters`),
  assistant: checkbox,
  socialProof: checkbox,
  buyerCity: checkbox,
  shippingText: z.string().trim().max(MAX_SHIPPING_TEXT_CHARACTERS, `Keep the shipping text to ${MAX_SHIPPING_TEXT_CHARACTERS} characters`).default(""),
});

export type ChatSettingsInput = z.infer<typeof chatSettingsInput>;

/** Slow mode as the control room sends it: how many seconds each viewer waits between messages. */
export const slowModeSeconds = z.coerce
  .number({ error: "Choose how often each viewer may post" })
  .int({ error: "Choose how often each viewer may post, in whole seconds" })
  .refine((seconds) => (SLOW_MODE_SECONDS as readonly number[]).includes(seconds), `Choose one of ${SLOW_MODE_SECONDS.join(", ")} seconds (0 turns slow mode off)`);
