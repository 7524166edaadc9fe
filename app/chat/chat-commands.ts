// What the control room's chat controls send (app/routes/app.shows.$id_.chat.tsx), one intent
// per button, checked before anything is looked up. The chat's on/off and its slow mode are
// separate intents with explicit values: a form that left out a checkbox must not turn the chat off.
import { z } from "zod";
import { slowModeSeconds } from "./chat-settings";

const messageId = z.string({ error: "Choose a message first" }).trim().min(1, "Choose a message first").max(64, "That is not a chat message's id");

export const chatCommand = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("hide_message"), messageId }),
    z.object({ intent: z.literal("pin_message"), messageId }),
    z.object({ intent: z.literal("unpin_message") }),
    z.object({ intent: z.literal("mark_answered"), messageId }),
    z.object({
      intent: z.literal("ban_viewer"),
      messageId,
      scope: z.enum(["show", "shop"], { error: 'Ban from "show" (this show\'s chat) or "shop" (every show of the shop)' }),
    }),
    z.object({ intent: z.literal("set_slow_mode"), slowSeconds: slowModeSeconds }),
    z.object({
      intent: z.literal("set_chat"),
      chat: z.enum(["on", "off"], { error: 'Send chat as "on" or "off"' }).transform((value) => value === "on"),
    }),
  ],
  { error: "Choose what to do: hide_message, pin_message, unpin_message, mark_answered, ban_viewer, set_slow_mode or set_chat" },
);

export type ChatCommand = z.infer<typeof chatCommand>;
