// The assistant's answer to a question, from the show's live facts, in the question's language;
// null whenever the facts do not settle it. Money arrives as integer minor units and is written
// by the caller's formatter (the shop's money format, or the market currency's own).
import { TABLES, type Language, type Sentences, type StockLine } from "./languages";
import { matchLineup, type ProductOptions } from "./lineup-match";
import type { Question } from "./read-question";

export interface Money {
  minor: number;
  currency: string;
}

export interface VariantFacts {
  /** In the product's option order ("S", or "M / Blue" as two values); empty for a product without options. */
  values: string[];
  /** Units left to sell online; null when not counted (untracked, or not read yet). */
  available: number | null;
  inStock: boolean;
  price: Money;
  compareAt: Money | null;
}

export interface ProductFacts {
  id: string;
  title: string;
  variants: VariantFacts[];
}

export interface DealFacts {
  code: string;
  /** 20 for 20 %; null for an amount off. */
  percentOff: number | null;
  amountOff: Money | null;
  /** The products the deal's discount covers. */
  productIds: string[];
}

export interface ShowFacts {
  products: ProductFacts[];
  deal: DealFacts | null;
  /** The shop's own words on shipping; empty when the merchant wrote none. */
  shippingText: string;
  formatMoney(money: Money, language: Language): string;
}

type Chosen = { product: ProductFacts; values: string[]; variants: VariantFacts[] };

const optionsOf = (product: ProductFacts): ProductFacts & ProductOptions => ({ ...product, variantValues: product.variants.map((variant) => variant.values) });

function choose(question: Question, facts: ShowFacts): Chosen | "none" | null {
  const match = matchLineup(question.tokens, facts.products.map(optionsOf));
  if (match.kind === "none") return "none";
  if (match.kind === "unsure") return null;
  const { product, values } = match;
  const variants = product.variants.filter((variant) => values.every((value) => variant.values.includes(value)));
  return { product, values, variants };
}

const labelOf = (variant: VariantFacts) => variant.values.join(" / ");

/** "Organic Tee in M / White", the values in the product's option order whatever order they were asked in. */
function subjectOf(sentences: Sentences, { product, values, variants }: Chosen): string {
  if (!values.length) return product.title;
  const order = variants[0]?.values ?? [];
  const ordered = [...values].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return sentences.subject(product.title, ordered.join(" / "));
}

/** The variants' stock together: null when any is in stock but not counted. */
function unitsLeft(variants: readonly VariantFacts[]): number | null {
  let sum = 0;
  for (const variant of variants) {
    if (!variant.inStock) continue;
    if (variant.available === null || variant.available <= 0) return null;
    sum += variant.available;
  }
  return sum;
}

function soldOut(sentences: Sentences, chosen: Chosen): string {
  const others = chosen.product.variants.filter((variant) => variant.inStock && !chosen.variants.includes(variant)).map(labelOf);
  const sorry = sentences.soldOut(subjectOf(sentences, chosen));
  return others.length && others.every(Boolean) ? `${sorry} ${sentences.stillInStock(sentences.list(others))}` : sorry;
}

/** A question about the whole of a product with options: each variant in turn. */
const isWholeProduct = ({ product, values }: Chosen) => values.length === 0 && product.variants.some((variant) => variant.values.length > 0);

function availability(sentences: Sentences, chosen: Chosen): string {
  const inStock = chosen.variants.filter((variant) => variant.inStock);
  if (!inStock.length) return soldOut(sentences, chosen);
  if (isWholeProduct(chosen)) return sentences.inStockIn(chosen.product.title, sentences.list(inStock.map(labelOf)));
  return sentences.inStock(subjectOf(sentences, chosen));
}

function stock(sentences: Sentences, chosen: Chosen): string {
  if (isWholeProduct(chosen)) {
    const lines = chosen.variants.map((variant): StockLine => ({ label: labelOf(variant), left: variant.inStock ? unitsLeft([variant]) : 0 }));
    return `${chosen.product.title}: ${lines.map(sentences.stockLine).join(", ")}.`;
  }
  if (!chosen.variants.some((variant) => variant.inStock)) return soldOut(sentences, chosen);
  const left = unitsLeft(chosen.variants);
  return left === null ? sentences.inStock(subjectOf(sentences, chosen)) : sentences.left(subjectOf(sentences, chosen), left);
}

function price(question: Question, facts: ShowFacts, chosen: Chosen): string | null {
  const { sentences } = TABLES[question.language];
  const write = (money: Money) => facts.formatMoney(money, question.language);
  const prices = chosen.variants.map((variant) => variant.price);
  const lowest = prices.reduce<Money | null>((low, money) => (low === null || money.minor < low.minor ? money : low), null);
  // Prices in two currencies would be a market that is half read: no answer is better than a wrong one.
  if (!lowest || prices.some((money) => money.currency !== lowest.currency)) return null;
  const subject = subjectOf(sentences, chosen);
  if (prices.some((money) => money.minor !== lowest.minor)) return `${sentences.costsFrom(subject, write(lowest))}.`;
  const compareAt = chosen.variants[0]?.compareAt;
  const allCompareAt = chosen.variants.every((variant) => variant.compareAt?.minor === compareAt?.minor);
  return compareAt && allCompareAt && compareAt.minor > lowest.minor
    ? `${sentences.costs(subject, write(lowest))} ${sentences.was(write(compareAt))}.`
    : `${sentences.costs(subject, write(lowest))}.`;
}

function dealOff(deal: DealFacts, facts: ShowFacts, language: Language): string {
  if (deal.amountOff) return facts.formatMoney(deal.amountOff, language);
  const percent = new Intl.NumberFormat(TABLES[language].locale, { maximumFractionDigits: 2 }).format(deal.percentOff ?? 0);
  return language === "en" || language === "nl" ? `${percent}%` : `${percent} %`;
}

function deal(question: Question, facts: ShowFacts, chosen: Chosen | "none"): string {
  const { sentences } = TABLES[question.language];
  const running = facts.deal;
  if (!running) return sentences.noDeal();
  const off = dealOff(running, facts, question.language);
  if (chosen === "none") return sentences.dealRunning(off, running.code);
  return running.productIds.includes(chosen.product.id)
    ? sentences.dealApplies(chosen.product.title, off, running.code)
    : sentences.dealDoesNotApply(chosen.product.title);
}

export function answerQuestion(question: Question, facts: ShowFacts): string | null {
  const { sentences } = TABLES[question.language];
  if (question.intent === "shipping") return facts.shippingText.trim() ? sentences.shipping(facts.shippingText.trim()) : null;
  const chosen = choose(question, facts);
  if (chosen === null) return null;
  if (question.intent === "deal") return deal(question, facts, chosen);
  if (chosen === "none" || !chosen.variants.length) return null;
  if (question.intent === "price") return price(question, facts, chosen);
  if (question.intent === "stock") return stock(sentences, chosen);
  return availability(sentences, chosen);
}
