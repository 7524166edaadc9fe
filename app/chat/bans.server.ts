// Bans: the host bans the author of a message, from this show's chat or from every show of the
// shop. A ban names the author as the message was posted: the signed-in customer's id (which
// follows them to another browser) and the viewer token's id (a guest's only identity); a post
// under either is refused (post-message.server.ts). Their messages in this show are hidden at
// once for every viewer; the rows stay, as a hidden message's do, for a customer's data request.
import prisma from "~/db.server";
import { tellChatViewers } from "./chat-broadcast.server";

export type BanScope = "show" | "shop";

/** Who posts: the viewer token's id, and the customer id Shopify signed for a signed-in shopper. */
export interface ChatAuthor {
  customerId: string | null;
  viewerId: string | null;
}

/** Who moderates: the merchant in the admin, or a host signed in through the creator portal. */
export type ChatModerator = "merchant" | `creator:${string}`;

function sameAuthor(author: ChatAuthor) {
  return [...(author.customerId ? [{ customerId: author.customerId }] : []), ...(author.viewerId ? [{ viewerId: author.viewerId }] : [])];
}

/** Whether the author may not post in this show: banned from it, or from every show of the shop. */
export async function isBannedFromChat(shop: string, showId: string, author: ChatAuthor): Promise<boolean> {
  const names = sameAuthor(author);
  if (!names.length) return false;
  const ban = await prisma.chatBan.findFirst({ where: { shop, AND: [{ OR: [{ showId }, { showId: null }] }, { OR: names }] }, select: { id: true } });
  return ban !== null;
}

export interface BanResult {
  /** Ids of the author's messages in this show that are now hidden. */
  hidden: string[];
}

/**
 * Bans the author of a viewer's message in the shop's show and hides their messages there. Null
 * when the show has no such message (another show's, another shop's, or the assistant's).
 */
export async function banMessageAuthor(shop: string, showId: string, messageId: string, scope: BanScope, by: ChatModerator, now = new Date()): Promise<BanResult | null> {
  const message = await prisma.chatMessage.findFirst({ where: { id: messageId, shop, showId, kind: "viewer" }, select: { customerId: true, viewerId: true } });
  const names = message ? sameAuthor(message) : [];
  if (!message || !names.length) return null;
  const theirs = { shop, showId, hidden: false, OR: names };
  const hidden = await prisma.$transaction(async (tx) => {
    await tx.chatBan.create({ data: { shop, showId: scope === "show" ? showId : null, customerId: message.customerId, viewerId: message.viewerId, messageId, bannedBy: by, createdAt: now } });
    const visible = await tx.chatMessage.findMany({ where: theirs, select: { id: true, pinned: true } });
    await tx.chatMessage.updateMany({ where: { shop, showId, id: { in: visible.map((row) => row.id) } }, data: { hidden: true, pinned: false } });
    return visible;
  });
  if (hidden.length) tellChatViewers(shop, showId, { hidden: hidden.map((row) => row.id), ...(hidden.some((row) => row.pinned) && { pinned: null }) });
  return { hidden: hidden.map((row) => row.id) };
}
