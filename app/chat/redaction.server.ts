// customers/redact takes a customer's chat messages (app/privacy/customer-data.server.ts). Those
// of a show on air are also still on its viewers' screens: they are told to drop them, as for a
// hidden message, in the show's next chat window.
import prisma from "~/db.server";
import { tellChatViewers } from "./chat-broadcast.server";

/** Deletes the customer's messages in the shop, and tells each live show's viewers which ones went. */
export async function eraseCustomerChat(shop: string, customerId: string): Promise<void> {
  const onScreen = await prisma.chatMessage.findMany({ where: { shop, customerId, hidden: false, show: { status: "live" } }, select: { id: true, showId: true, pinned: true } });
  await prisma.chatMessage.deleteMany({ where: { shop, customerId } });
  const byShow = Map.groupBy(onScreen, (message) => message.showId);
  for (const [showId, messages] of byShow) {
    tellChatViewers(shop, showId, { hidden: messages.map((message) => message.id), ...(messages.some((message) => message.pinned) && { pinned: null }) });
  }
}
