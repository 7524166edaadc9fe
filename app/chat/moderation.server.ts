// The control room hides a message: gone from the chat for every viewer (the next chat window
// tells them), from the chat a viewer loads on arrival, and from the replay. The row stays, for
// the merchant and for a customer's data request.
import prisma from "~/db.server";
import { tellChatViewers } from "./chat-broadcast.server";

/** False when the shop's show has no such message, or it was already hidden. */
export async function hideChatMessage(shop: string, showId: string, messageId: string): Promise<boolean> {
  const message = await prisma.chatMessage.findFirst({ where: { id: messageId, shop, showId, hidden: false }, select: { pinned: true } });
  if (!message) return false;
  const { count } = await prisma.chatMessage.updateMany({ where: { id: messageId, shop, showId, hidden: false }, data: { hidden: true, pinned: false } });
  if (count === 0) return false;
  tellChatViewers(shop, showId, { hidden: [messageId], ...(message.pinned && { pinned: null }) });
  return true;
}
