// The chat assistant over real HTTP against the built app and the sandbox: viewers ask through the
// signed app proxy in English, Swedish, Norwegian and Dutch, from Sweden, Norway, the Netherlands
// and elsewhere, and the assistant answers from the shop's live data (stock the sandbox's
// webhooks keep current, prices in the viewer's market, the running deal, the shop's shipping
// text) in the language asked, or says nothing. A show's questions are answered one after another,
// so once a last question's answer has reached a viewer's stream, every question before it has
// been decided: an unanswered one was left unanswered, not answered late.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import type { ChatEventData, ChatMessageView } from "~/chat/chat-event";
import { chatClient, type ChatClient } from "../support/chat";
import { dataOf, openEventStream, type EventStream } from "../support/sse-client";
import { startStack, type Stack } from "../support/stack";
import { createShow, openStorefrontShop, showCommand, type CreatedShow, type StorefrontShop } from "../support/storefront-shop";

const SHIPPING = "Fri frakt över 500 kr, 1–3 arbetsdagar.";

let stack: Stack;
let shop: StorefrontShop;
let chat: ChatClient;
let show: CreatedShow;
let stream: EventStream;

/** Where a viewer shops: English from Britain (the shop's own SEK prices), and the three markets. */
const VIEWERS = {
  en: { country: "GB", locale: "en" },
  sv: { country: "SE", locale: "sv" },
  no: { country: "NO", locale: "nb" },
  nl: { country: "NL", locale: "nl" },
  de: { country: "DE", locale: "de" },
} as const;

type Viewer = keyof typeof VIEWERS;
/** A question, who asks it, and the exact answer (null: the assistant stays silent). */
type Row = [Viewer, string, string | null];

beforeAll(async () => {
  stack = await startStack({ seed: false });
  shop = await openStorefrontShop(stack);
  // The shop's SEK prices converted for two markets; Britain and Germany stay in the primary one.
  stack.shopify.state.addMarket(shop.domain, { name: "Norway", countries: ["NO"], currencyCode: "NOK", exchangeRate: 1, roundUpToEnding: null });
  stack.shopify.state.addMarket(shop.domain, { name: "Benelux", countries: ["NL", "BE"], currencyCode: "EUR", exchangeRate: 0.087, roundUpToEnding: 95 });
  await prisma.shop.update({ where: { domain: shop.domain }, data: { chatAssistant: true, shippingText: SHIPPING } });
  chat = chatClient(stack, shop.domain);

  const { shirt, scarf, mug } = shop.products;
  show = await createShow(shop, { title: "Ask the assistant", products: [shirt, scarf, mug] });
  await stack.mux.connectEncoder(show.muxLiveStreamId);
  await stack.mux.webhooks.settled();
  expect((await prisma.show.findFirstOrThrow({ where: { id: show.id, shop: shop.domain } })).status).toBe("live");
  stream = await openEventStream(`${stack.appUrl}/realtime/shows/${show.id}?shop=${shop.domain}`, { origin: stack.shopify.url });
  expect((await stream.next()).event).toBe("snapshot");
});

afterAll(async () => {
  stream?.close();
  await stack?.close();
});

/** Posts as a new viewer (a token and an address of their own, so no rate limit is reached). */
async function ask(viewer: Viewer, body: string): Promise<ChatMessageView> {
  const response = await chat.post(show.id, { token: chat.viewerToken(show.id), nickname: "Viewer", body, ...VIEWERS[viewer] });
  const text = await response.text();
  expect(response.status, text).toBe(201);
  return (JSON.parse(text) as { message: ChatMessageView }).message;
}

/** Reads the stream until the assistant's answer to a message arrives. */
async function answerOnStream(questionId: string): Promise<ChatMessageView> {
  for (;;) {
    const event = await stream.next(10_000);
    if (event.event !== "chat") continue;
    const answer = dataOf<ChatEventData>(event).messages?.find((message) => message.replyTo === questionId);
    if (answer) return answer;
  }
}

/** Asks each question in turn, then one the assistant surely answers; answers by question. */
async function askAll(rows: readonly Row[]): Promise<Array<string | null>> {
  const questions = [];
  for (const [viewer, body] of rows) questions.push(await ask(viewer, body));
  const last = await answerOnStream((await ask("en", "Do you ship to Norway?")).id);
  expect(last).toMatchObject({ kind: "assistant", author: "", body: `Shipping: ${SHIPPING}`, question: false });
  const answers = await prisma.chatMessage.findMany({
    where: { shop: shop.domain, showId: show.id, kind: "assistant", replyToId: { in: questions.map((question) => question.id) } },
    select: { replyToId: true, body: true, authorName: true, customerId: true, viewerId: true },
  });
  expect(answers.every((answer) => answer.authorName === "" && answer.customerId === null && answer.viewerId === null)).toBe(true);
  return questions.map((question) => answers.find((answer) => answer.replyToId === question.id)?.body ?? null);
}

function expectAnswers(rows: readonly Row[], answers: Array<string | null>) {
  expect(rows.map(([viewer, body], index) => [viewer, body, answers[index]])).toEqual(rows);
}

const kr = (amount: string) => `${amount} kr`;
const nok = (amount: string) => `${amount}\u00a0kr`;
const eur = (amount: string) => `€\u00a0${amount}`;

describe("the chat assistant", () => {
  it("answers availability, stock, price, deal and shipping in the language asked, from live data, and stays silent on the rest", async () => {
    // Linen Shirt: S 3 left, M sold out online, L 12, 899 kr (was 1 199 kr). Wool Scarf: Oat 8, Moss 8, 499 kr. Enamel Mug: untracked, 199 kr.
    const rows: Row[] = [
      ["en", "Do you have the Linen Shirt in L?", "Yes, Linen Shirt in L is in stock."],
      ["en", "Is the shirt available in M?", "Sorry, Linen Shirt in M is sold out. In stock: S and L."],
      ["en", "How many are left of the shirt in size S?", "There are 3 left of Linen Shirt in S."],
      ["en", "What does the scarf cost?", `Wool Scarf costs ${kr("499,00")}.`],
      ["en", "How much is the Linen Shirt?", `Linen Shirt costs ${kr("899,00")} (was ${kr("1.199,00")}).`],
      ["en", "Is Moss still in stock?", "Yes, Wool Scarf in Moss is in stock."],
      ["en", "Which colours does the scarf come in?", "Wool Scarf is in stock in Oat and Moss."],
      ["en", "Is the mug in stock?", "Yes, Enamel Mug is in stock."],
      ["en", "How many mugs are left?", "Yes, Enamel Mug is in stock."],
      ["en", "Is there a discount code?", "There is no deal running right now."],
      ["sv", "Finns Linen Shirt i storlek M?", "Tyvärr är Linen Shirt i M slutsåld. I lager: S och L."],
      ["sv", "Har ni scarfen i Oat?", "Ja, Wool Scarf i Oat finns i lager."],
      ["sv", "Hur många finns kvar av shirten i L?", "Det finns 12 kvar av Linen Shirt i L."],
      ["sv", "Vad kostar muggen?", `Enamel Mug kostar ${kr("199,00")}.`],
      ["sv", "Vad kostar Wool Scarf?", `Wool Scarf kostar ${kr("499,00")}.`],
      ["sv", "Hur mycket kostar frakten?", `Frakt: ${SHIPPING}`],
      ["sv", "Finns det någon rabattkod?", "Det finns inget erbjudande just nu."],
      ["sv", "Hur många scarfar finns kvar?", "Wool Scarf: Oat: 8 kvar, Moss: 8 kvar."],
      ["no", "Har dere skjorten i størrelse L?", "Ja, Linen Shirt i L er på lager."],
      ["no", "Hvor mange er igjen av scarfen i Moss?", "Det er 8 igjen av Wool Scarf i Moss."],
      ["no", "Hva koster Linen Shirt?", `Linen Shirt koster ${nok("899,00")} (før ${nok("1\u00a0199,00")}).`],
      ["no", "Hva koster frakten?", `Frakt: ${SHIPPING}`],
      ["no", "Finnes Oat fortsatt?", "Ja, Wool Scarf i Oat er på lager."],
      ["no", "Er det noen rabatt nå?", "Det er ikke noe tilbud akkurat nå."],
      ["nl", "Hebben jullie de Linen Shirt in maat M?", "Helaas, Linen Shirt in M is uitverkocht. Op voorraad: S en L."],
      ["nl", "Is de sjaal in Moss op voorraad?", "Ja, Wool Scarf in Moss is op voorraad."],
      ["nl", "Hoeveel kost de scarf?", `Wool Scarf kost ${eur("43,95")}.`],
      ["nl", "Wat is de prijs van het shirt?", `Linen Shirt kost ${eur("78,95")} (was ${eur("104,95")}).`],
      ["nl", "Hoeveel zijn er nog van de mug?", "Ja, Enamel Mug is op voorraad."],
      ["nl", "Wat zijn de verzendkosten?", `Verzending: ${SHIPPING}`],
      ["nl", "Is er een kortingscode?", "Er loopt op dit moment geen actie."],
      // Silent: chatter, a product it cannot tell, a size or colour the lineup does not have, a language it cannot tell.
      ["en", "Hi everyone!", null],
      ["sv", "Hej! Vilken fin show", null],
      ["en", "Love the scarf", null],
      ["en", "What does it cost?", null],
      ["en", "Do you have the shirt in XXL?", null],
      ["sv", "Finns scarfen i svart?", null],
      ["no", "Hvor mye koster koppen?", null],
      ["nl", "Hebben jullie dit ook in het rood?", null],
      ["de", "Frakt?", null],
    ];
    expectAnswers(rows, await askAll(rows));
  });

  it("says whether the running deal applies", async () => {
    await showCommand(shop, show.id, { intent: "start_deal", kind: "percentage", amount: "20", minutes: "30" });
    const { code } = await prisma.showDeal.findFirstOrThrow({ where: { shop: shop.domain, showId: show.id, stoppedAt: null } });
    const rows: Row[] = [
      ["en", "Does the discount apply to the mug?", `Yes, the live deal applies to Enamel Mug: 20% off with the code ${code}.`],
      ["sv", "Gäller rabatten på scarfen?", `Ja, erbjudandet gäller Wool Scarf: 20 % rabatt med koden ${code}.`],
      ["no", "Har dere en rabattkode?", `Akkurat nå: 20 % rabatt på produktene i sendingen med koden ${code}.`],
      ["nl", "Geldt de korting ook voor het shirt?", `Ja, de actie geldt voor Linen Shirt: 20% korting met de code ${code}.`],
    ];
    expectAnswers(rows, await askAll(rows));
  });

  it("answers from the stock the inventory webhook brought when a size sells out during the show", async () => {
    const small = shop.products.shirt.variants[0]!;
    stack.shopify.state.setAvailable(shop.domain, small.inventoryItem.id, shop.store.id, 0);
    await stack.shopify.webhooks.settled();
    const rows: Row[] = [
      ["en", "Is the shirt available in S?", "Sorry, Linen Shirt in S is sold out. In stock: L."],
      ["sv", "Hur många finns kvar av Linen Shirt?", "Linen Shirt: S: slutsåld, M: slutsåld, L: 12 kvar."],
      ["no", "Finnes shirten i str S?", "Beklager, Linen Shirt i S er utsolgt. På lager: L."],
      ["nl", "Hoeveel zijn er nog over van het shirt in maat S?", "Helaas, Linen Shirt in S is uitverkocht. Op voorraad: L."],
      ["en", "Do you have the Linen Shirt in L?", "Yes, Linen Shirt in L is in stock."],
    ];
    expectAnswers(rows, await askAll(rows));
  });

  it("says nothing when the merchant has turned it off", async () => {
    await prisma.shop.update({ where: { domain: shop.domain }, data: { chatAssistant: false } });
    const rows: Row[] = [
      ["en", "Do you have the Linen Shirt in L?", null],
      ["sv", "Vad kostar Wool Scarf?", null],
    ];
    const questions = [];
    for (const [viewer, body] of rows) questions.push(await ask(viewer, body));
    // Turned on again, the next question is answered: had the earlier ones been queued, they would have been answered first.
    await prisma.shop.update({ where: { domain: shop.domain }, data: { chatAssistant: true } });
    await answerOnStream((await ask("en", "Do you ship to Norway?")).id);
    expect(await prisma.chatMessage.count({ where: { shop: shop.domain, showId: show.id, replyToId: { in: questions.map((question) => question.id) } } })).toBe(0);
  });
});
