// The demo shop: Northwind Outfitters, a Swedish apparel and accessories store with three
// locations, 32 active products (plus a draft and an archived one) and stock that shows every
// case the app must handle: plenty, low (1–3), sold out, untracked, and stock held only in a
// warehouse that does not sell online. It sells at home in SEK and to its Nordic neighbours in
// EUR (the "Nordics" market). Deterministic: the same seed every time.
import { sandboxShopify } from "../config";
import type { ProductInput, SandboxShop, SandboxState } from "./state";
import { seededRandom } from "../../support/seeded-random";

export const DEMO_SHOP_DOMAIN = sandboxShopify.shopDomain;

type Stock = "plenty" | "low" | "mixed" | "sold-out" | "warehouse-only" | "untracked";

interface CatalogEntry {
  handle: string;
  title: string;
  productType: string;
  price: number; // SEK minor units
  compareAtPrice?: number;
  sizes?: string[];
  colors?: string[];
  stock: Stock;
  description: string;
  status?: "ACTIVE" | "DRAFT" | "ARCHIVED";
  tags?: string[];
}

const APPAREL = ["XS", "S", "M", "L", "XL"];
const CORE = ["S", "M", "L"];
const SHOES = ["38", "40", "42", "44"];

const CATALOG: CatalogEntry[] = [
  { handle: "merino-crew-sweater", title: "Merino Crew Sweater", productType: "Sweaters", price: 89900, sizes: APPAREL, colors: ["Oatmeal", "Navy", "Forest"], stock: "mixed", description: "Fine-gauge merino that keeps its shape, wash after wash." },
  { handle: "cable-knit-cardigan", title: "Cable Knit Cardigan", productType: "Sweaters", price: 119900, compareAtPrice: 149900, sizes: CORE, colors: ["Cream", "Charcoal"], stock: "low", description: "A chunky cable cardigan with horn buttons." },
  { handle: "organic-cotton-tee", title: "Organic Cotton Tee", productType: "T-Shirts", price: 24900, sizes: APPAREL, colors: ["White", "Black", "Sage"], stock: "plenty", description: "Heavyweight organic cotton with a relaxed fit." },
  { handle: "striped-breton-top", title: "Striped Breton Top", productType: "T-Shirts", price: 44900, sizes: APPAREL, colors: ["Navy Stripe", "Red Stripe"], stock: "mixed", description: "The classic long-sleeve stripe, in thick cotton jersey." },
  { handle: "linen-shirt", title: "Linen Shirt", productType: "Shirts", price: 69900, sizes: APPAREL, colors: ["White", "Sand", "Sky"], stock: "mixed", description: "Washed European linen for long summer evenings." },
  { handle: "flannel-overshirt", title: "Flannel Overshirt", productType: "Shirts", price: 79900, sizes: CORE, colors: ["Red Check", "Green Check"], stock: "sold-out", description: "Brushed flannel, cut to layer over a tee." },
  { handle: "oxford-button-down", title: "Oxford Button-Down", productType: "Shirts", price: 59900, sizes: APPAREL, colors: ["Blue", "White"], stock: "plenty", description: "Soft oxford cloth with a button-down collar." },
  { handle: "rain-shell-jacket", title: "Rain Shell Jacket", productType: "Jackets", price: 179900, sizes: APPAREL, colors: ["Yellow", "Black"], stock: "low", description: "Taped seams and a packable hood for Gothenburg weather." },
  { handle: "quilted-liner-jacket", title: "Quilted Liner Jacket", productType: "Jackets", price: 149900, compareAtPrice: 189900, sizes: CORE, colors: ["Olive", "Navy"], stock: "warehouse-only", description: "Lightweight quilted warmth, on its own or under a shell." },
  { handle: "wool-overcoat", title: "Wool Overcoat", productType: "Coats", price: 349900, sizes: CORE, colors: ["Camel", "Charcoal"], stock: "low", description: "A long, unlined overcoat in boiled wool." },
  { handle: "down-puffer-vest", title: "Down Puffer Vest", productType: "Jackets", price: 129900, sizes: APPAREL, colors: ["Black", "Rust"], stock: "mixed", description: "Responsibly sourced down in a slim vest." },
  { handle: "fleece-half-zip", title: "Fleece Half-Zip", productType: "Sweaters", price: 69900, sizes: APPAREL, colors: ["Grey", "Moss"], stock: "plenty", description: "Recycled fleece for cold mornings on the archipelago." },
  { handle: "hooded-sweatshirt", title: "Hooded Sweatshirt", productType: "Sweaters", price: 64900, sizes: APPAREL, colors: ["Heather Grey", "Black", "Dusty Pink"], stock: "mixed", description: "Loopback cotton with a double-layer hood." },
  { handle: "slim-chinos", title: "Slim Chinos", productType: "Trousers", price: 74900, sizes: ["28", "30", "32", "34", "36"], colors: ["Khaki", "Navy"], stock: "plenty", description: "Stretch twill chinos with a tapered leg." },
  { handle: "selvedge-denim-jeans", title: "Selvedge Denim Jeans", productType: "Trousers", price: 119900, sizes: ["28", "30", "32", "34"], colors: ["Indigo Raw"], stock: "low", description: "Japanese selvedge denim, unwashed." },
  { handle: "corduroy-trousers", title: "Corduroy Trousers", productType: "Trousers", price: 89900, sizes: ["30", "32", "34"], colors: ["Brown", "Olive"], stock: "sold-out", description: "Wide-wale cord with a relaxed straight leg." },
  { handle: "linen-summer-dress", title: "Linen Summer Dress", productType: "Dresses", price: 99900, sizes: ["XS", "S", "M", "L"], colors: ["Terracotta", "Ivory"], stock: "mixed", description: "A sleeveless midi dress in airy linen." },
  { handle: "knit-midi-skirt", title: "Knit Midi Skirt", productType: "Skirts", price: 69900, compareAtPrice: 89900, sizes: ["XS", "S", "M", "L"], colors: ["Black", "Camel"], stock: "low", description: "Rib-knit midi skirt with an elastic waist." },
  { handle: "canvas-sneakers", title: "Canvas Sneakers", productType: "Shoes", price: 89900, sizes: SHOES, colors: ["White", "Navy"], stock: "mixed", description: "Vulcanised canvas sneakers with organic cotton uppers." },
  { handle: "leather-chelsea-boots", title: "Leather Chelsea Boots", productType: "Shoes", price: 249900, sizes: SHOES, colors: ["Black", "Brown"], stock: "low", description: "Goodyear-welted Chelsea boots that resole for years." },
  { handle: "wool-beanie", title: "Wool Beanie", productType: "Accessories", price: 29900, colors: ["Grey", "Mustard", "Navy"], stock: "plenty", description: "A ribbed beanie in soft lambswool." },
  { handle: "cashmere-scarf", title: "Cashmere Scarf", productType: "Accessories", price: 89900, colors: ["Camel", "Grey"], stock: "low", description: "Pure cashmere, woven in Scotland." },
  { handle: "leather-gloves", title: "Leather Gloves", productType: "Accessories", price: 59900, sizes: ["S", "M", "L"], colors: ["Black", "Tan"], stock: "mixed", description: "Lambskin gloves with a cashmere lining." },
  { handle: "canvas-tote-bag", title: "Canvas Tote Bag", productType: "Bags", price: 19900, colors: ["Natural", "Black"], stock: "untracked", description: "A heavy canvas tote, made to order." },
  { handle: "leather-weekender", title: "Leather Weekender", productType: "Bags", price: 399900, colors: ["Cognac"], stock: "low", description: "A full-grain leather holdall for two nights away." },
  { handle: "rolltop-backpack", title: "Roll-Top Backpack", productType: "Bags", price: 129900, colors: ["Black", "Olive", "Sand"], stock: "mixed", description: "Waterproof roll-top backpack with a laptop sleeve." },
  { handle: "leather-belt", title: "Leather Belt", productType: "Accessories", price: 49900, sizes: ["80", "90", "100"], colors: ["Black", "Brown"], stock: "plenty", description: "Vegetable-tanned leather with a brass buckle." },
  { handle: "wool-socks-3-pack", title: "Wool Socks 3-Pack", productType: "Accessories", price: 24900, sizes: ["36-40", "41-45"], colors: ["Mixed"], stock: "plenty", description: "Merino-blend socks, three pairs." },
  { handle: "bucket-hat", title: "Bucket Hat", productType: "Accessories", price: 34900, sizes: ["S/M", "L/XL"], colors: ["Khaki", "Black"], stock: "sold-out", description: "Cotton twill bucket hat." },
  { handle: "polarised-sunglasses", title: "Polarised Sunglasses", productType: "Accessories", price: 79900, colors: ["Tortoise", "Black"], stock: "low", description: "Acetate frames with polarised lenses." },
  { handle: "enamel-pin-set", title: "Enamel Pin Set", productType: "Accessories", price: 12900, colors: ["Assorted"], stock: "untracked", description: "Three enamel pins, printed on demand." },
  { handle: "silk-hair-scrunchie", title: "Silk Hair Scrunchie", productType: "Accessories", price: 14900, colors: ["Champagne", "Black", "Sage"], stock: "mixed", description: "Mulberry silk scrunchie, gentle on hair." },
  { handle: "archive-anorak", title: "Archive Anorak", productType: "Jackets", price: 159900, sizes: CORE, colors: ["Orange"], stock: "plenty", status: "ARCHIVED", description: "Last season's anorak, no longer sold." },
  { handle: "prototype-parka", title: "Prototype Parka", productType: "Jackets", price: 299900, sizes: CORE, colors: ["Black"], stock: "plenty", status: "DRAFT", description: "Not released yet." },
];

export function seedDemoShop(state: SandboxState, { storefrontOrigin }: { storefrontOrigin: string }): SandboxShop {
  const origin = storefrontOrigin.replace(/\/+$/, "");
  const stockholm = state.newLocation("Stockholm Flagship", true);
  const gothenburg = state.newLocation("Göteborg Store", true);
  const warehouse = state.newLocation("Borås Warehouse", false);
  const shop = state.createShop({
    domain: DEMO_SHOP_DOMAIN,
    name: "Northwind Outfitters",
    email: "hello@northwind-outfitters.example",
    currencyCode: "SEK",
    moneyFormat: "{{amount_with_comma_separator}} kr",
    moneyWithCurrencyFormat: "{{amount_with_comma_separator}} SEK",
    ianaTimezone: "Europe/Stockholm",
    countryCode: "SE",
    primaryDomainUrl: origin,
    locations: [stockholm, gothenburg, warehouse],
  });
  state.addMarket(shop.domain, { name: "Nordics", countries: ["NO", "DK", "FI", "IS"], currencyCode: "EUR", exchangeRate: 0.087, roundUpToEnding: 95 });
  const random = seededRandom(20260701);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));

  const stockFor = (kind: Stock, index: number): Record<string, number> | null => {
    switch (kind) {
      case "untracked":
        return null;
      case "plenty":
        return { [stockholm.id]: between(8, 30), [gothenburg.id]: between(5, 20), [warehouse.id]: between(20, 80) };
      case "low":
        // 1–3 for sale online in total, more waiting in the warehouse.
        return { [stockholm.id]: between(1, 2), [gothenburg.id]: index % 2 === 0 ? 0 : 1, [warehouse.id]: between(0, 10) };
      case "sold-out":
        return { [stockholm.id]: 0, [gothenburg.id]: 0, [warehouse.id]: 0 };
      case "warehouse-only":
        return { [stockholm.id]: 0, [gothenburg.id]: 0, [warehouse.id]: between(10, 40) };
      case "mixed": {
        const roll = index % 5;
        if (roll === 1) return { [stockholm.id]: 0, [gothenburg.id]: 0, [warehouse.id]: between(0, 5) };
        if (roll === 3) return { [stockholm.id]: between(1, 3), [gothenburg.id]: 0, [warehouse.id]: 0 };
        return { [stockholm.id]: between(3, 15), [gothenburg.id]: between(0, 10), [warehouse.id]: between(0, 30) };
      }
    }
  };

  for (const entry of CATALOG) {
    const options: ProductInput["options"] = [];
    if (entry.sizes) options.push({ name: "Size", values: entry.sizes });
    if (entry.colors) options.push({ name: "Color", values: entry.colors });
    const combinations = (entry.sizes ?? [undefined]).flatMap((size) => (entry.colors ?? [undefined]).map((color) => [size, color].filter((value): value is string => value !== undefined)));
    state.addProduct(shop.domain, {
      handle: entry.handle,
      title: entry.title,
      descriptionHtml: `<p>${entry.description}</p>`,
      vendor: "Northwind Outfitters",
      productType: entry.productType,
      status: entry.status ?? "ACTIVE",
      imageUrl: `${origin}/cdn/products/${entry.handle}.svg`,
      tags: entry.tags ?? [entry.productType.toLowerCase()],
      options,
      variants: combinations.map((values, index) => ({
        optionValues: values,
        sku: ["NW", entry.handle.split("-").map((word) => word.slice(0, 3).toUpperCase()).join(""), ...values.map((value) => value.replace(/\W+/g, "").slice(0, 4).toUpperCase())].join("-"),
        price: entry.price,
        compareAtPrice: entry.compareAtPrice ?? null,
        stock: stockFor(entry.stock, index),
      })),
    });
  }
  return shop;
}
