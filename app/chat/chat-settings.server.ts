// The merchant's chat settings: the shop's rules (blocked words, the assistant, social proof,
// the shipping text) and each show's controls (chat on or off, slow mode). A change to a show's
// controls reaches its viewers at once, so the player can close or slow its composer.
import prisma from "~/db.server";
import { parseBlockedWords } from "./blocked-words";
import { tellChatViewers } from "./chat-broadcast.server";
import type { ChatControls } from "./chat-event";
import type { ChatSettingsInput } from "./chat-settings";

export interface ChatSettings {
  blockedWords: string[];
  assistant: boolean;
  socialProof: boolean;
  buyerCity: boolean;
  shippingText: string;
}

export async function getChatSettings(shop: string): Promise<ChatSettings> {
  const row = await prisma.shop.findUnique({
    where: { domain: shop },
    select: { chatBlockedWords: true, chatAssistant: true, chatSocialProof: true, chatBuyerCity: true, shippingText: true },
  });
  return {
    blockedWords: parseBlockedWords(row?.chatBlockedWords ?? ""),
    assistant: row?.chatAssistant ?? true,
    socialProof: row?.chatSocialProof ?? true,
    buyerCity: row?.chatBuyerCity ?? false,
    shippingText: row?.shippingText ?? "",
  };
}

export async function updateChatSettings(shop: string, input: ChatSettingsInput): Promise<void> {
  const fields = {
    chatBlockedWords: input.blockedWords.join("\n"),
    chatAssistant: input.assistant,
    chatSocialProof: input.socialProof,
    chatBuyerCity: input.buyerCity,
    shippingText: input.shippingText,
  };
  await prisma.shop.upsert({ where: { domain: shop }, create: { domain: shop, ...fields }, update: fields });
}

const CONTROL_FIELDS = { chatEnabled: true, chatSlowSeconds: true } as const;
const controlsOf = (show: { chatEnabled: boolean; chatSlowSeconds: number }): ChatControls => ({ enabled: show.chatEnabled, slowSeconds: show.chatSlowSeconds });

/** The show's chat controls; null when the shop has no such show. */
export async function getChatControls(shop: string, showId: string): Promise<ChatControls | null> {
  const show = await prisma.show.findFirst({ where: { id: showId, shop }, select: CONTROL_FIELDS });
  return show && controlsOf(show);
}

/**
 * Turns the show's chat on or off, or sets its slow mode, leaving the other as it is. The viewers
 * are told both as they now stand, read in the same transaction, so a player never has to merge
 * one half of a change. Null when the shop has no such show.
 */
export async function setChatControls(shop: string, showId: string, change: Partial<ChatControls>): Promise<ChatControls | null> {
  const controls = await prisma.$transaction(async (tx) => {
    const { count } = await tx.show.updateMany({ where: { id: showId, shop }, data: { chatEnabled: change.enabled, chatSlowSeconds: change.slowSeconds } });
    if (count === 0) return null;
    return controlsOf(await tx.show.findFirstOrThrow({ where: { id: showId, shop }, select: CONTROL_FIELDS }));
  });
  if (controls) tellChatViewers(shop, showId, { controls });
  return controls;
}
