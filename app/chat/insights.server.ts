// A show's chat insights from its stored messages: per lineup product, the questions and
// mentions (insights.ts counts them), for the control room when it opens and for the show's
// report afterwards. Hidden messages are left out, as they are for viewers and the replay: a
// moderator hides spam and abuse, and a spammer repeating a product's name must not make it
// "most asked". The assistant's answers are not the viewers' words and are left out too.
import prisma from "~/db.server";
import { countProductMentions, mostAsked, type ProductChatCount } from "./insights";

const viewersWords = (shop: string, showId: string) => ({ shop, showId, kind: "viewer", hidden: false });

/** Every lineup product's counts (removed products too: viewers named them while they were on), in lineup order. */
export async function readProductChatCounts(shop: string, showId: string): Promise<ProductChatCount[]> {
  const [lineup, messages] = await Promise.all([
    prisma.showProduct.findMany({ where: { shop, showId }, orderBy: { position: "asc" }, select: { productId: true, title: true } }),
    prisma.chatMessage.findMany({ where: viewersWords(shop, showId), select: { body: true, question: true } }),
  ]);
  return countProductMentions(lineup, messages);
}

export interface ShowChatReport {
  /** Viewers' messages still visible. */
  messages: number;
  questions: number;
  answered: number;
  /** Messages a moderator hid; counted nowhere else. */
  hidden: number;
  mostAsked: ProductChatCount[];
}

export async function readShowChatReport(shop: string, showId: string): Promise<ShowChatReport> {
  const visible = viewersWords(shop, showId);
  const [messages, questions, answered, hidden, counts] = await Promise.all([
    prisma.chatMessage.count({ where: visible }),
    prisma.chatMessage.count({ where: { ...visible, question: true } }),
    prisma.chatMessage.count({ where: { ...visible, question: true, answered: true } }),
    prisma.chatMessage.count({ where: { shop, showId, kind: "viewer", hidden: true } }),
    readProductChatCounts(shop, showId),
  ]);
  return { messages, questions, answered, hidden, mostAsked: mostAsked(counts) };
}
