import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { readProductChatCounts, readShowChatReport } from "./insights.server";

const newShop = () => `insights-${randomUUID().slice(0, 8)}.myshopify.com`;

async function showWithChat(shop: string, messages: { body: string; question?: boolean; hidden?: boolean; answered?: boolean; kind?: string }[]) {
  const show = await prisma.show.create({
    data: {
      shop,
      title: "Knitwear live",
      startsAt: new Date(),
      status: "live",
      products: {
        create: [
          { shop, productId: "gid://shopify/Product/1", title: "Merino Crew Sweater", position: 0 },
          { shop, productId: "gid://shopify/Product/2", title: "Wool Scarf", position: 1 },
        ],
      },
    },
  });
  await prisma.chatMessage.createMany({ data: messages.map((message) => ({ shop, showId: show.id, authorName: "Maja", ...message })) });
  return show.id;
}

describe("a show's chat insights from its stored messages", () => {
  it("counts viewers' visible messages per lineup product, leaving out hidden ones and the assistant's", async () => {
    const shop = newShop();
    const showId = await showWithChat(shop, [
      { body: "Is the sweater itchy?", question: true, answered: true },
      { body: "sweater in L?", question: true },
      { body: "the scarf is lovely" },
      { body: "SWEATER SWEATER SWEATER", hidden: true },
      { body: "The Merino Crew Sweater is in stock in L.", kind: "assistant" },
      { body: "hello!" },
    ]);
    // Another shop's show with the same products counts nowhere here.
    await showWithChat(newShop(), [{ body: "scarf scarf", question: true }]);

    expect(await readProductChatCounts(shop, showId)).toEqual([
      { productId: "gid://shopify/Product/1", title: "Merino Crew Sweater", questions: 2, mentions: 2 },
      { productId: "gid://shopify/Product/2", title: "Wool Scarf", questions: 0, mentions: 1 },
    ]);
    expect(await readShowChatReport(shop, showId)).toEqual({
      messages: 4,
      questions: 2,
      answered: 1,
      hidden: 1,
      mostAsked: [
        { productId: "gid://shopify/Product/1", title: "Merino Crew Sweater", questions: 2, mentions: 2 },
        { productId: "gid://shopify/Product/2", title: "Wool Scarf", questions: 0, mentions: 1 },
      ],
    });
  });

  it("reports a show without chat as empty, and another shop's show as nothing", async () => {
    const shop = newShop();
    const showId = await showWithChat(shop, []);
    expect(await readShowChatReport(shop, showId)).toEqual({ messages: 0, questions: 0, answered: 0, hidden: 0, mostAsked: [] });
    expect(await readProductChatCounts(newShop(), showId)).toEqual([]);
  });
});
