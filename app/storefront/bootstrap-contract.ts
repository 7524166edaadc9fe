// What the app proxy's bootstrap answers, shared by the server (bootstrap.server.ts) and the
// storefront loader (extensions/live-shows/src/live-shows.ts), which imports these types only.

/** The statuses a shopper can see; drafts and archived shows are not found. */
export type StorefrontShowStatus = "scheduled" | "live" | "ended" | "replay_ready";

export interface StorefrontMoney {
  /** Integer minor units of `currency`. */
  amount: number;
  currency: string;
  /**
   * In the shop's money format for the shop's currency, as the theme writes prices; in another
   * currency (the buyer's market's), in that currency's own format and the storefront's language.
   */
  formatted: string;
}

export interface StorefrontVariant {
  /** Shopify GID, as stock events name it. */
  id: string;
  /** The numeric id the AJAX cart takes. */
  cartId: string;
  title: string;
  price: StorefrontMoney;
  compareAt: StorefrontMoney | null;
  /** Units sellable online; null when the variant does not track inventory. */
  available: number | null;
  inStock: boolean;
}

export interface StorefrontProduct {
  productId: string;
  title: string;
  /** The product page, relative to the storefront's root. */
  path: string;
  image: { url: string; alt: string } | null;
  /** A product with one "Default Title" variant needs no picker. */
  singleVariant: boolean;
  variants: StorefrontVariant[];
}

export interface StorefrontChapter {
  /** Seconds into the replay. */
  startTime: number;
  title: string;
  productId: string;
}

export interface StorefrontDeal {
  code: string;
  endsAt: string;
  /** 20 for 20 % off, or null for an amount off. */
  percentOff: number | null;
  /** The amount off each item in the shop's money format, or null for a percentage. */
  amountOff: string | null;
}

export interface ShowBootstrap {
  show: {
    id: string;
    title: string;
    description: string;
    hostName: string;
    status: StorefrontShowStatus;
    startsAt: string;
    endsAt: string;
    rehearsal: boolean;
  };
  /** The app's clock when it answered: the countdown corrects a shopper's wrong clock with it. */
  serverTime: string;
  /** Empty in the embed's light answer (`?lite=1`). */
  lineup: StorefrontProduct[];
  pinnedProductId: string | null;
  /** "Only N left" shows below this many units; 0 turns the note off. */
  lowStockThreshold: number;
  poster: string | null;
  playback: { src: string; streamType: "ll-live" | "on-demand"; playerUrl: string } | null;
  chapters: StorefrontChapter[];
  deal: StorefrontDeal | null;
  /** The show's event stream on the app's own origin, with a short-lived viewer token in it. */
  realtime: { url: string; expiresAt: string };
  reminder: { signedIn: boolean; saved: boolean };
}

export type BootstrapNotFoundReason = "unknown_show" | "no_show" | "not_installed";

export interface BootstrapNotFound {
  error: string;
  reason: BootstrapNotFoundReason;
}
