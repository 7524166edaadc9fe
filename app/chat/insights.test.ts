import { describe, expect, it } from "vitest";
import { countProductMentions, mostAsked, productMatcher, tallyMessage, wordsOf } from "./insights";

const lineup = [
  { productId: "gid://shopify/Product/1", title: "Linen Shirt" },
  { productId: "gid://shopify/Product/2", title: "Linen Scarf" },
  { productId: "gid://shopify/Product/3", title: "Oxford Shirt" },
  { productId: "gid://shopify/Product/4", title: "Merino Crew Sweater" },
  { productId: "gid://shopify/Product/5", title: "Stickad tröja" },
];
const [shirt, scarf, oxford, sweater, trojan] = ["1", "2", "3", "4", "5"].map((id) => `gid://shopify/Product/${id}`) as [string, string, string, string, string];
const mentions = productMatcher(lineup);

describe("productMatcher", () => {
  it("finds a product by a word of its own, in any case and with punctuation around it", () => {
    expect(mentions("Is the MERINO warm?")).toEqual([sweater]);
    expect(mentions("sweater!!")).toEqual([sweater]);
    expect(mentions("oxford, in M?")).toEqual([oxford]);
  });

  it("allows plurals and short inflections, and folds accents", () => {
    expect(mentions("do the sweaters run small")).toEqual([sweater]);
    expect(mentions("finns tröjan i blått?")).toEqual([trojan]);
    expect(mentions("Finns TROJOR i M")).toEqual([trojan]);
  });

  it("counts a word several products share only with a word of the product's own or the whole title", () => {
    expect(mentions("is the shirt in stock")).toEqual([]);
    expect(mentions("linen please")).toEqual([]);
    expect(mentions("the linen shirt in S?")).toEqual([shirt]);
    expect(mentions("linen shirts or the scarf?")).toEqual([shirt, scarf]);
    expect(mentions("oxford shirt")).toEqual([oxford]);
  });

  it("does not take a word that only starts like a title word, nor title words that name nothing", () => {
    expect(mentions("I am so merry")).toEqual([]);
    expect(mentions("the crewmember")).toEqual([]);
    expect(mentions("the stickers")).toEqual([]);
    expect(productMatcher([{ productId: "x", title: "The New" }])("the new one")).toEqual([]);
  });

  it("mentions nothing in a message without product words", () => {
    expect(mentions("hello from Malmö 👋")).toEqual([]);
    expect(mentions("")).toEqual([]);
  });
});

describe("countProductMentions and mostAsked", () => {
  const messages = [
    { body: "is the merino sweater itchy?", question: true },
    { body: "sweater in L?", question: true },
    { body: "love the sweater", question: false },
    { body: "oxford shirt in blue?", question: true },
    { body: "scarf looks great", question: false },
    { body: "scarf!", question: false },
    { body: "hi all", question: true },
  ];

  it("counts questions and mentions per product, in lineup order", () => {
    const counts = countProductMentions(lineup, messages);
    expect(counts.map((count) => [count.title, count.questions, count.mentions])).toEqual([
      ["Linen Shirt", 0, 0],
      ["Linen Scarf", 0, 2],
      ["Oxford Shirt", 1, 1],
      ["Merino Crew Sweater", 2, 3],
      ["Stickad tröja", 0, 0],
    ]);
  });

  it("ranks by questions, then mentions, and leaves out products nobody named", () => {
    const ranked = mostAsked(countProductMentions(lineup, messages));
    expect(ranked.map((count) => count.title)).toEqual(["Merino Crew Sweater", "Oxford Shirt", "Linen Scarf"]);
    expect(mostAsked(countProductMentions(lineup, messages), 1).map((count) => count.title)).toEqual(["Merino Crew Sweater"]);
  });

  it("takes a hidden message back out without going below zero, leaving the counts it was given untouched", () => {
    const counts = countProductMentions(lineup, messages);
    const hidden = tallyMessage(counts, [sweater, oxford], true, -1);
    expect(hidden.find((count) => count.productId === sweater)).toMatchObject({ questions: 1, mentions: 2 });
    expect(hidden.find((count) => count.productId === oxford)).toMatchObject({ questions: 0, mentions: 0 });
    expect(tallyMessage(hidden, [oxford], true, -1).find((count) => count.productId === oxford)).toMatchObject({ questions: 0, mentions: 0 });
    expect(counts.find((count) => count.productId === sweater)).toMatchObject({ questions: 2, mentions: 3 });
  });
});

describe("wordsOf", () => {
  it("splits on anything but letters and digits, folding case and accents", () => {
    expect(wordsOf("Är den   VÄRMANDE? (size 38)")).toEqual(["ar", "den", "varmande", "size", "38"]);
  });
});
