// The chat assistant: answers a viewer's question about the show's lineup (a size or colour in
// stock, the price in the viewer's market, how many are left, whether the deal applies, the shop's
// shipping) from live data, as a message of its own that replies to the question. The rules are
// in assistant/ (plain functions); this module reads the facts and posts the answer.
//
// It runs after the viewer's message is stored and answered, never in its way: one show's
// questions are answered one after another (in the order they were posted), and a failure is
// logged, never shown to the viewer. A message that asks nothing it answers costs no lookup.
import prisma from "~/db.server";
import { SerialQueue } from "~/inventory/serial";
import { log } from "~/lib/log.server";
import { findRunningDeal } from "~/shows/deals.server";
import { readLineupCatalog } from "~/storefront/catalog.server";
import { readLineupStock } from "~/storefront/lineup-stock.server";
import { readMarketPricesOrShopPrices } from "~/storefront/market-prices.server";
import { formatMarketMoney, formatShopMoney } from "~/storefront/money-format";
import { answerQuestion, type DealFacts, type ProductFacts, type ShowFacts } from "./assistant/answer";
import { TABLES } from "./assistant/languages";
import { readQuestion } from "./assistant/read-question";
import { tellChatViewers } from "./chat-broadcast.server";
import { chatMessageView, MESSAGE_VIEW_FIELDS } from "./chat-event";
import type { ChatSettings } from "./chat-settings.server";

/** The viewer's message as it was stored, and where they shop (the proxy post's country and locale). */
export interface AskedMessage {
  id: string;
  body: string;
  question: boolean;
  country?: string | null;
  locale?: string | null;
}

declare global {
  // One queue per process, also across Vite's module reloads in development.
  var liveShowsAssistantQueue: SerialQueue | undefined;
}

/** Reads the question and, when it can answer, posts the answer later; returns at once. */
export function askAssistant(shop: string, showId: string, message: AskedMessage, settings: Pick<ChatSettings, "assistant" | "shippingText">): void {
  if (!settings.assistant) return;
  const question = readQuestion(message.body, { locale: message.locale, asked: message.question });
  if (!question) return;
  const queue = (globalThis.liveShowsAssistantQueue ??= new SerialQueue());
  queue
    .run(`${shop} ${showId}`, async () => {
      const facts = await readShowFacts(shop, showId, message.country ?? null, settings.shippingText);
      const answer = facts && answerQuestion(question, facts);
      if (answer) await postAnswer(shop, showId, message.id, answer);
    })
    .catch((error: unknown) => {
      log.warn(`[chat] ${shop} show ${showId}: the assistant could not answer message ${message.id}: ${error instanceof Error ? error.message : String(error)}`);
    });
}

async function runningDeal(shop: string, showId: string, shopCurrency: string, productIds: string[], now: Date): Promise<DealFacts | null> {
  const deal = await findRunningDeal(shop, showId, now);
  if (!deal) return null;
  const percentage = deal.kind === "percentage";
  return {
    code: deal.code,
    percentOff: percentage ? deal.value / 100 : null,
    amountOff: percentage ? null : { minor: deal.value, currency: deal.currency ?? shopCurrency },
    // A deal's discount covers the lineup it was made for (deals.server.ts); the lineup is that.
    productIds,
  };
}

/** Null when the show is no longer live, or the shop is gone: nobody to answer. */
async function readShowFacts(shop: string, showId: string, country: string | null, shippingText: string, now = new Date()): Promise<ShowFacts | null> {
  const [shopRow, show] = await Promise.all([
    prisma.shop.findUnique({ where: { domain: shop }, select: { currency: true, moneyFormat: true } }),
    prisma.show.findFirst({
      where: { id: showId, shop, status: "live" },
      select: { products: { where: { removedAt: null }, orderBy: { position: "asc" }, select: { productId: true } } },
    }),
  ]);
  if (!shopRow || !show) return null;
  const productIds = show.products.map((product) => product.productId);
  const [catalog, prices, deal] = await Promise.all([
    readLineupCatalog(shop, shopRow.currency, productIds),
    readMarketPricesOrShopPrices(shop, country, productIds),
    runningDeal(shop, showId, shopRow.currency, productIds, now),
  ]);
  const variantIds = [...catalog.values()].flatMap((product) => product.variants.map((variant) => variant.id));
  const stock = await readLineupStock(shop, productIds, variantIds);
  const products = productIds.flatMap((productId): ProductFacts[] => {
    const product = catalog.get(productId);
    if (!product) return [];
    const variants = product.variants.map((variant) => {
      const known = stock.get(variant.id);
      const market = prices.get(variant.id);
      const currency = market?.currency ?? shopRow.currency;
      const compareAtMinor = market ? market.compareAtMinor : variant.compareAtMinor;
      return {
        // Shopify titles a variant with its option values joined by " / ", in the product's option order.
        values: product.singleVariant ? [] : variant.title.split(" / "),
        available: known ? known.available : null,
        inStock: known ? known.inStock : variant.availableForSale,
        price: { minor: market?.priceMinor ?? variant.priceMinor, currency },
        compareAt: compareAtMinor === null ? null : { minor: compareAtMinor, currency },
      };
    });
    return [{ id: productId, title: product.title, variants }];
  });
  return {
    products,
    deal,
    shippingText,
    formatMoney: ({ minor, currency }, language) =>
      currency === shopRow.currency ? formatShopMoney(minor, currency, shopRow.moneyFormat) : formatMarketMoney(minor, currency, TABLES[language].locale),
  };
}

async function postAnswer(shop: string, showId: string, questionId: string, body: string, now = new Date()): Promise<void> {
  // Hidden by the host (or its viewer banned) while the assistant read the facts: no answer to it.
  const question = await prisma.chatMessage.findFirst({
    where: { id: questionId, shop, showId, hidden: false },
    select: { show: { select: { wentLiveAt: true } } },
  });
  if (!question) return;
  const { wentLiveAt } = question.show;
  const stored = await prisma.chatMessage.create({
    data: {
      shop,
      showId,
      kind: "assistant",
      authorName: "",
      body,
      replyToId: questionId,
      offsetMs: wentLiveAt ? Math.max(0, now.getTime() - wentLiveAt.getTime()) : null,
      createdAt: now,
    },
    select: MESSAGE_VIEW_FIELDS,
  });
  tellChatViewers(shop, showId, { messages: [chatMessageView(stored)] });
}
