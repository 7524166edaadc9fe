// What the assistant knows of each language it answers in: words that tell the language apart,
// the phrases that ask for each kind of answer, and the answers' sentences. Words are written as
// viewers type them and folded before comparing (words.ts). A phrase belongs to an intent only
// when it asks for that answer and nothing else; "how" alone asks for nothing.

export type Language = "en" | "sv" | "no" | "nl";
export const LANGUAGES: readonly Language[] = ["en", "sv", "no", "nl"];

/** The order also decides between intents: "how much is shipping" asks for shipping, not a price. */
export const INTENTS = ["shipping", "deal", "stock", "price", "availability"] as const;
export type Intent = (typeof INTENTS)[number];

/** A line of a stock list: a variant's label and how many are left (null: in stock, not counted; 0: sold out). */
export interface StockLine {
  label: string;
  left: number | null;
}

export interface Sentences {
  /** "S and L" */
  list(items: readonly string[]): string;
  /** "Linen Shirt in S" */
  subject(product: string, values: string): string;
  inStock(subject: string): string;
  soldOut(subject: string): string;
  /** Said after soldOut: what the product still has. */
  stillInStock(labels: string): string;
  inStockIn(product: string, labels: string): string;
  left(subject: string, count: number): string;
  stockLine(line: StockLine): string;
  costs(subject: string, price: string): string;
  costsFrom(subject: string, price: string): string;
  /** Said after costs: the compare-at price. */
  was(price: string): string;
  dealApplies(product: string, off: string, code: string): string;
  dealRunning(off: string, code: string): string;
  dealDoesNotApply(product: string): string;
  noDeal(): string;
  shipping(text: string): string;
}

export interface LanguageTable {
  /** For Intl: numbers and a market's money in this language. */
  locale: string;
  /** Words common in this language's questions; shared words count for each language that has them. */
  words: readonly string[];
  /** Letters only this language (of the four) writes. */
  letters: RegExp | null;
  /** A message that starts with one of these asks something, with or without a question mark. */
  openers: readonly string[];
  intents: Record<Intent, readonly string[]>;
  sentences: Sentences;
}

const joinWith = (and: string) => (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} ${and} ${items[items.length - 1]}`;

export const TABLES: Record<Language, LanguageTable> = {
  en: {
    locale: "en",
    words: ["the", "is", "are", "do", "does", "you", "have", "has", "how", "much", "many", "what", "it", "there", "still", "left", "any", "price", "cost", "costs", "shipping", "delivery", "size", "sizes", "colour", "color", "colours", "colors", "available", "stock", "deal", "discount", "of", "this", "that", "can", "get", "apply", "for", "to", "with", "remaining", "ship", "sale", "got", "come", "which"],
    letters: null,
    openers: ["do", "does", "is", "are", "how", "what", "can", "could", "any", "have", "has", "got", "which", "when", "will", "would"],
    intents: {
      shipping: ["shipping", "ship", "ships", "delivery", "deliver", "postage"],
      deal: ["deal", "discount", "discount code", "coupon", "promo", "on sale", "offer"],
      stock: ["how many", "left", "remaining", "quantity"],
      price: ["price", "cost", "costs", "how much", "expensive"],
      availability: ["available", "in stock", "do you have", "have you got", "is there", "are there", "sold out", "come in", "comes in", "still have"],
    },
    sentences: {
      list: joinWith("and"),
      subject: (product, values) => `${product} in ${values}`,
      inStock: (subject) => `Yes, ${subject} is in stock.`,
      soldOut: (subject) => `Sorry, ${subject} is sold out.`,
      stillInStock: (labels) => `In stock: ${labels}.`,
      inStockIn: (product, labels) => `${product} is in stock in ${labels}.`,
      left: (subject, count) => (count === 1 ? `There is 1 left of ${subject}.` : `There are ${count} left of ${subject}.`),
      stockLine: ({ label, left }) => `${label}: ${left === null ? "in stock" : left === 0 ? "sold out" : `${left} left`}`,
      costs: (subject, price) => `${subject} costs ${price}`,
      costsFrom: (subject, price) => `${subject} costs from ${price}`,
      was: (price) => `(was ${price})`,
      dealApplies: (product, off, code) => `Yes, the live deal applies to ${product}: ${off} off with the code ${code}.`,
      dealRunning: (off, code) => `Right now: ${off} off the show's products with the code ${code}.`,
      dealDoesNotApply: (product) => `No, the live deal does not apply to ${product}.`,
      noDeal: () => "There is no deal running right now.",
      shipping: (text) => `Shipping: ${text}`,
    },
  },
  sv: {
    locale: "sv",
    words: ["har", "ni", "finns", "det", "den", "hur", "mycket", "manga", "kostar", "vad", "kvar", "storlek", "storlekar", "farg", "farger", "frakt", "frakten", "leverans", "i", "pa", "lager", "ar", "och", "rabatt", "rabattkod", "galler", "nagon", "nagra", "inne", "kan", "jag", "fa", "fortfarande", "erbjudande", "erbjudandet", "koden", "pris", "priset", "vilka", "vilken", "ocksa", "av"],
    letters: /[äö]/i,
    openers: ["har", "finns", "hur", "vad", "kan", "ar", "galler", "vilka", "vilken", "nar", "far"],
    intents: {
      shipping: ["frakt", "frakten", "fraktkostnad", "leverans", "leveransen", "leveranstid", "skickar", "skicka"],
      deal: ["rabatt", "rabatten", "rabattkod", "rabattkoden", "erbjudande", "erbjudandet", "deal", "dealen", "rea", "kampanj", "kampanjkod"],
      stock: ["hur manga", "kvar", "antal"],
      price: ["pris", "priset", "kostar", "kosta", "hur mycket"],
      availability: ["finns", "har ni", "i lager", "pa lager", "tillganglig", "tillgangliga", "slutsald", "slutsalt", "inne"],
    },
    sentences: {
      list: joinWith("och"),
      subject: (product, values) => `${product} i ${values}`,
      inStock: (subject) => `Ja, ${subject} finns i lager.`,
      soldOut: (subject) => `Tyvärr är ${subject} slutsåld.`,
      stillInStock: (labels) => `I lager: ${labels}.`,
      inStockIn: (product, labels) => `${product} finns i lager i ${labels}.`,
      left: (subject, count) => `Det finns ${count} kvar av ${subject}.`,
      stockLine: ({ label, left }) => `${label}: ${left === null ? "i lager" : left === 0 ? "slutsåld" : `${left} kvar`}`,
      costs: (subject, price) => `${subject} kostar ${price}`,
      costsFrom: (subject, price) => `${subject} kostar från ${price}`,
      was: (price) => `(ordinarie pris ${price})`,
      dealApplies: (product, off, code) => `Ja, erbjudandet gäller ${product}: ${off} rabatt med koden ${code}.`,
      dealRunning: (off, code) => `Just nu: ${off} rabatt på showens produkter med koden ${code}.`,
      dealDoesNotApply: (product) => `Nej, erbjudandet gäller inte ${product}.`,
      noDeal: () => "Det finns inget erbjudande just nu.",
      shipping: (text) => `Frakt: ${text}`,
    },
  },
  no: {
    locale: "nb",
    words: ["har", "dere", "finnes", "fins", "det", "den", "hvor", "mye", "mange", "koster", "hva", "igjen", "storrelse", "storrelser", "farge", "farger", "frakt", "frakten", "levering", "i", "pa", "lager", "er", "og", "rabatt", "rabattkode", "gjelder", "noen", "inne", "kan", "jeg", "fa", "fortsatt", "fremdeles", "tilbud", "tilbudet", "koden", "pris", "prisen", "hvilke", "hvilken", "ogsa", "av"],
    letters: /[æø]/i,
    openers: ["har", "finnes", "fins", "hvor", "hva", "kan", "er", "gjelder", "hvilke", "hvilken", "nar", "far"],
    intents: {
      shipping: ["frakt", "frakten", "fraktkostnad", "levering", "leveringen", "leveringstid", "sender", "sende"],
      deal: ["rabatt", "rabatten", "rabattkode", "rabattkoden", "tilbud", "tilbudet", "deal", "salg", "kampanje"],
      stock: ["hvor mange", "igjen", "antall"],
      price: ["pris", "prisen", "koster", "koste", "hvor mye"],
      availability: ["finnes", "fins", "har dere", "pa lager", "tilgjengelig", "utsolgt", "inne"],
    },
    sentences: {
      list: joinWith("og"),
      subject: (product, values) => `${product} i ${values}`,
      inStock: (subject) => `Ja, ${subject} er på lager.`,
      soldOut: (subject) => `Beklager, ${subject} er utsolgt.`,
      stillInStock: (labels) => `På lager: ${labels}.`,
      inStockIn: (product, labels) => `${product} er på lager i ${labels}.`,
      left: (subject, count) => `Det er ${count} igjen av ${subject}.`,
      stockLine: ({ label, left }) => `${label}: ${left === null ? "på lager" : left === 0 ? "utsolgt" : `${left} igjen`}`,
      costs: (subject, price) => `${subject} koster ${price}`,
      costsFrom: (subject, price) => `${subject} koster fra ${price}`,
      was: (price) => `(før ${price})`,
      dealApplies: (product, off, code) => `Ja, tilbudet gjelder ${product}: ${off} rabatt med koden ${code}.`,
      dealRunning: (off, code) => `Akkurat nå: ${off} rabatt på produktene i sendingen med koden ${code}.`,
      dealDoesNotApply: (product) => `Nei, tilbudet gjelder ikke ${product}.`,
      noDeal: () => "Det er ikke noe tilbud akkurat nå.",
      shipping: (text) => `Frakt: ${text}`,
    },
  },
  nl: {
    locale: "nl",
    words: ["hebben", "jullie", "heb", "heeft", "is", "er", "nog", "hoeveel", "kost", "kosten", "wat", "de", "het", "maat", "maten", "kleur", "kleuren", "verzending", "verzendkosten", "bezorging", "op", "voorraad", "zijn", "en", "korting", "kortingscode", "geldt", "een", "beschikbaar", "van", "deze", "die", "ik", "krijgen", "prijs", "actie", "over", "welke", "ook", "te", "koop", "hoe", "stuks", "voor"],
    letters: null,
    openers: ["hebben", "heb", "heeft", "is", "zijn", "hoeveel", "wat", "kan", "geldt", "welke", "wanneer", "hoe"],
    intents: {
      shipping: ["verzending", "verzendkosten", "verzenden", "bezorging", "bezorgen", "levering", "leveren", "levertijd"],
      deal: ["korting", "kortingscode", "actie", "aanbieding", "deal", "uitverkoop"],
      // Not "over" alone: "wat vind je over de sjaal" asks an opinion.
      stock: ["hoeveel zijn er", "hoeveel stuks", "hoeveel hebben", "nog over", "resterend", "aantal"],
      price: ["prijs", "kost", "kosten", "hoeveel kost", "hoeveel is", "duur"],
      availability: ["beschikbaar", "op voorraad", "hebben jullie", "heb je", "is er", "zijn er", "uitverkocht", "leverbaar", "verkrijgbaar"],
    },
    sentences: {
      list: joinWith("en"),
      subject: (product, values) => `${product} in ${values}`,
      inStock: (subject) => `Ja, ${subject} is op voorraad.`,
      soldOut: (subject) => `Helaas, ${subject} is uitverkocht.`,
      stillInStock: (labels) => `Op voorraad: ${labels}.`,
      inStockIn: (product, labels) => `${product} is op voorraad in ${labels}.`,
      left: (subject, count) => (count === 1 ? `Er is nog 1 over van ${subject}.` : `Er zijn nog ${count} over van ${subject}.`),
      stockLine: ({ label, left }) => `${label}: ${left === null ? "op voorraad" : left === 0 ? "uitverkocht" : `nog ${left}`}`,
      costs: (subject, price) => `${subject} kost ${price}`,
      costsFrom: (subject, price) => `${subject} kost vanaf ${price}`,
      was: (price) => `(was ${price})`,
      dealApplies: (product, off, code) => `Ja, de actie geldt voor ${product}: ${off} korting met de code ${code}.`,
      dealRunning: (off, code) => `Nu: ${off} korting op de producten in de show met de code ${code}.`,
      dealDoesNotApply: (product) => `Nee, de actie geldt niet voor ${product}.`,
      noDeal: () => "Er loopt op dit moment geen actie.",
      shipping: (text) => `Verzending: ${text}`,
    },
  },
};

/** Words that name a size before a value ("size M", "storlek M"): a one-letter size needs one, or a capital. */
export const SIZE_WORDS = ["size", "storlek", "stl", "str", "storrelse", "maat"];

/**
 * Colours a viewer may ask for, in the four languages, folded. A colour asked for that the product
 * does not come in is a question the assistant cannot answer from the lineup: it stays silent.
 */
export const COLOUR_WORDS = [
  ...["black", "white", "red", "blue", "green", "yellow", "grey", "gray", "pink", "brown", "navy", "purple", "orange", "beige"],
  ...["svart", "vit", "rod", "bla", "gron", "gul", "gra", "rosa", "brun", "lila"],
  ...["hvit", "gronn", "lilla", "oransje"],
  ...["zwart", "wit", "rood", "blauw", "groen", "geel", "grijs", "roze", "bruin", "paars", "oranje"],
];

/** Endings of a colour word in its languages ("svarta", "vitt", "gronne", "witte"). */
export const COLOUR_ENDINGS = ["", "a", "e", "t", "tt", "te", "en", "ne"];

/** Sizes written as letters ("XL", "3XL"), or as numbers after a size word. */
export const SIZE_PATTERN = /^(?:x{0,3}s|m|x{0,3}l|[2-5]xl)$/i;
