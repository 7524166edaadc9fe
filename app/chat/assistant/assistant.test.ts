import { describe, expect, it } from "vitest";
import { answerQuestion, type ProductFacts, type ShowFacts } from "./answer";
import { detectLanguage, languageOfLocale, readQuestion } from "./read-question";
import { tokenize } from "./words";

const sek = (minor: number) => ({ minor, currency: "SEK" });

const shirt: ProductFacts = {
  id: "gid://shopify/Product/1",
  title: "Linen Shirt",
  variants: [
    { values: ["S"], available: 3, inStock: true, price: sek(89900), compareAt: sek(119900) },
    { values: ["M"], available: 0, inStock: false, price: sek(89900), compareAt: sek(119900) },
    { values: ["L"], available: 12, inStock: true, price: sek(89900), compareAt: sek(119900) },
  ],
};
const scarf: ProductFacts = {
  id: "gid://shopify/Product/2",
  title: "Wool Scarf",
  variants: [
    { values: ["Oat"], available: 8, inStock: true, price: sek(49900), compareAt: null },
    { values: ["Moss"], available: 1, inStock: true, price: sek(54900), compareAt: null },
  ],
};
const mug: ProductFacts = {
  id: "gid://shopify/Product/3",
  title: "Enamel Mug",
  variants: [{ values: [], available: null, inStock: true, price: sek(19900), compareAt: null }],
};

const facts = (overrides: Partial<ShowFacts> = {}): ShowFacts => ({
  products: [shirt, scarf, mug],
  deal: null,
  shippingText: "Free shipping over 500 kr, 1–3 days.",
  formatMoney: ({ minor, currency }) => `${(minor / 100).toFixed(2)} ${currency}`,
  ...overrides,
});

const ask = (text: string, showFacts = facts(), locale: string | null = null) => {
  const question = readQuestion(text, { locale });
  return question && answerQuestion(question, showFacts);
};

describe("the language of a question", () => {
  it("tells the four apart by their words, and Swedish from Norwegian by theirs or their letters", () => {
    const detect = (text: string, locale: string | null = null) => detectLanguage(text, tokenize(text), locale);
    expect(detect("Do you have the shirt in M?")).toBe("en");
    expect(detect("Finns skjortan i M?")).toBe("sv");
    expect(detect("Hur många finns kvar?")).toBe("sv");
    expect(detect("Hvor mange er igjen?")).toBe("no");
    expect(detect("Størrelse L?")).toBe("no");
    expect(detect("Hebben jullie de sjaal nog?")).toBe("nl");
  });

  it("leaves a tie between Swedish and Norwegian to the storefront's language, and to nobody without one", () => {
    const detect = (text: string, locale: string | null) => detectLanguage(text, tokenize(text), locale);
    expect(detect("Frakt?", null)).toBeNull();
    expect(detect("Frakt?", "nb-NO")).toBe("no");
    expect(detect("Frakt?", "sv")).toBe("sv");
    expect(detect("Frakt?", "de")).toBeNull();
    expect(languageOfLocale("nn")).toBe("no");
    expect(languageOfLocale("fr")).toBeNull();
  });
});

describe("what a message asks", () => {
  it("finds the one intent, the more specific winning", () => {
    expect(readQuestion("How much is shipping?")?.intent).toBe("shipping");
    expect(readQuestion("How many are left in M?")?.intent).toBe("stock");
    expect(readQuestion("What does the scarf cost?")?.intent).toBe("price");
    expect(readQuestion("Is the discount valid for the mug?")?.intent).toBe("deal");
    expect(readQuestion("Is the shirt available in L?")?.intent).toBe("availability");
    expect(readQuestion("Hoeveel kost de sjaal?")?.intent).toBe("price");
    expect(readQuestion("Hoeveel zijn er nog van de sjaal?")?.intent).toBe("stock");
  });

  it("asks nothing in greetings, chatter and statements", () => {
    for (const text of ["Hi!", "Hej hej från Göteborg", "Love this show", "Hoe gaat het?", "How are you?", "the price is great", "Wat vind je over de sjaal?"]) {
      expect(readQuestion(text), text).toBeNull();
    }
    expect(readQuestion("price of the mug", { asked: true })?.intent).toBe("price");
  });
});

describe("answers from the lineup", () => {
  it("answers availability of a size, with what is left when it is sold out", () => {
    expect(ask("Do you have the shirt in L?")).toBe("Yes, Linen Shirt in L is in stock.");
    expect(ask("Finns Linen Shirt i M?")).toBe("Tyvärr är Linen Shirt i M slutsåld. I lager: S och L.");
    // "skjorta" is no word of the title, but among the lineup only the shirt comes in M.
    expect(ask("Har dere skjorta i størrelse m?")).toBe("Beklager, Linen Shirt i M er utsolgt. På lager: S og L.");
    expect(ask("Is de shirt in maat S op voorraad?")).toBe("Ja, Linen Shirt in S is op voorraad.");
  });

  it("finds the product from a value only it has", () => {
    expect(ask("Is Moss still available?")).toBe("Yes, Wool Scarf in Moss is in stock.");
    expect(ask("Which colours is the scarf available in?")).toBe("Wool Scarf is in stock in Oat and Moss.");
  });

  it("counts what is left, and says 'in stock' for what is not counted", () => {
    expect(ask("How many are left of the scarf in Moss?")).toBe("There is 1 left of Wool Scarf in Moss.");
    expect(ask("Hur många finns kvar av shirten?")).toBe("Linen Shirt: S: 3 kvar, M: slutsåld, L: 12 kvar.");
    expect(ask("Hoeveel zijn er nog van de mug?")).toBe("Ja, Enamel Mug is op voorraad.");
  });

  it("gives the price with the compare-at price, or the lowest when variants differ", () => {
    expect(ask("What does the shirt cost?")).toBe("Linen Shirt costs 899.00 SEK (was 1199.00 SEK).");
    expect(ask("Vad kostar scarfen?")).toBe("Wool Scarf kostar från 499.00 SEK.");
    expect(ask("Hva koster scarfen i Moss?")).toBe("Wool Scarf i Moss koster 549.00 SEK.");
  });

  it("says whether the running deal applies, and that none runs", () => {
    const deal = { code: "LIVE-ABC", percentOff: 12.5, amountOff: null, productIds: [shirt.id, scarf.id] };
    expect(ask("Does the discount apply to the mug?", facts({ deal }))).toBe("No, the live deal does not apply to Enamel Mug.");
    expect(ask("Gäller rabatten på scarfen?", facts({ deal }))).toBe("Ja, erbjudandet gäller Wool Scarf: 12,5 % rabatt med koden LIVE-ABC.");
    expect(ask("Is er een kortingscode?", facts({ deal }))).toBe("Nu: 12,5% korting op de producten in de show met de code LIVE-ABC.");
    expect(ask("Any discount?", facts())).toBe("There is no deal running right now.");
  });

  it("gives the shop's shipping text, and nothing when the shop wrote none", () => {
    expect(ask("Hva koster frakten?", facts(), "nb")).toBe("Frakt: Free shipping over 500 kr, 1–3 days.");
    expect(ask("Do you ship to Norway?", facts({ shippingText: " " }))).toBeNull();
  });

  it("stays silent on what it cannot settle", () => {
    for (const text of [
      "What does it cost?", // three products, none named
      "Hur många finns kvar?", // the same
      "Do you have the shirt in XXL?", // a size it does not come in
      "Finns scarfen i svarta?", // a colour it does not come in
      "Is the shirt available in Oat?", // another product's colour
      "Wat kost de Linen Wool?", // two products named alike
    ]) {
      expect(ask(text), text).toBeNull();
    }
    // With one product in the lineup, "it" can only be that one.
    expect(ask("What does it cost?", facts({ products: [mug] }))).toBe("Enamel Mug costs 199.00 SEK.");
  });

  it("answers for a product with two options, naming the values in the product's order", () => {
    const tee: ProductFacts = {
      id: "gid://shopify/Product/4",
      title: "Organic Tee",
      variants: [
        { values: ["M", "Black"], available: 2, inStock: true, price: sek(29900), compareAt: null },
        { values: ["M", "White"], available: 5, inStock: true, price: sek(29900), compareAt: null },
        { values: ["L", "Black"], available: 0, inStock: false, price: sek(29900), compareAt: null },
      ],
    };
    const withTee = facts({ products: [tee, scarf] });
    expect(ask("Do you have the tee in white, size M?", withTee)).toBe("Yes, Organic Tee in M / White is in stock.");
    expect(ask("How many are left of the tee in black?", withTee)).toBe("There are 2 left of Organic Tee in Black.");
    expect(ask("Is the tee available in L?", withTee)).toBe("Sorry, Organic Tee in L is sold out. In stock: M / Black and M / White.");
    expect(ask("Is the tee available in L in White?", withTee)).toBeNull(); // no such variant
  });

  it("takes no lowercase single letter for a size without a size word, nor an apostrophe's letter", () => {
    expect(ask("I'm in love, do you have the scarf?")).toBe("Wool Scarf is in stock in Oat and Moss.");
    expect(ask("do you have the shirt in m?")).toBe("Linen Shirt is in stock in S and L.");
  });
});
