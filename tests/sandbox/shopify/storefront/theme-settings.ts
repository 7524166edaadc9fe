// What the merchant configured in the theme editor, per shop: which app blocks sit on the home
// and product templates with which settings, and which app embeds are switched on. Tests and
// the demo change it through `configure` (or POST /__sandbox/theme); unset settings take the
// defaults from the block's {% schema %}, as Shopify does.
import type { BlockSettings, ThemeExtension } from "./theme-extension";

export interface AppBlockPlacement {
  /** The block file's name in extensions/live-shows/blocks, e.g. "live-show". */
  block: string;
  /** Shopify gives each placed block an id; it appears as shopify-block-<id>. */
  id?: string;
  settings?: BlockSettings;
}

export interface AppEmbedSetting {
  enabled: boolean;
  settings?: BlockSettings;
}

export interface ThemeSettings {
  /** App blocks in the home page's "Apps" section, in order. */
  home: AppBlockPlacement[];
  /** App blocks on the product template, below the buy form. */
  product: AppBlockPlacement[];
  /** App embeds by block name (blocks whose schema target is "body" or "head"). */
  embeds: Record<string, AppEmbedSetting>;
  /** The storefront's locale (request.locale.iso_code). */
  locale: string;
}

export type ThemeSettingsPatch = Partial<ThemeSettings>;

/** A merchant who installed the app: the live show block on home and product pages, the embed on. */
export function defaultThemeSettings(extension: ThemeExtension): ThemeSettings {
  const blocks = [...extension.blocks.values()];
  const sectionBlocks = blocks.filter((block) => block.schema.target === "section");
  const embeds = blocks.filter((block) => block.schema.target === "body" || block.schema.target === "head");
  return {
    home: sectionBlocks.map((block) => ({ block: block.handle })),
    product: sectionBlocks.map((block) => ({ block: block.handle })),
    embeds: Object.fromEntries(embeds.map((block) => [block.handle, { enabled: true }])),
    locale: extension.defaultLocale,
  };
}

export class ThemeSettingsBook {
  private readonly byShop = new Map<string, ThemeSettings>();

  constructor(private readonly extension: ThemeExtension) {}

  get(shop: string): ThemeSettings {
    return this.byShop.get(shop) ?? defaultThemeSettings(this.extension);
  }

  /** Replaces the given parts of the shop's theme settings; unknown blocks are refused. */
  configure(shop: string, patch: ThemeSettingsPatch): ThemeSettings {
    const next: ThemeSettings = { ...this.get(shop), ...patch };
    for (const placement of [...next.home, ...next.product]) this.assertBlock(placement.block, "section");
    for (const name of Object.keys(next.embeds)) this.assertBlock(name, "embed");
    this.byShop.set(shop, next);
    return next;
  }

  reset(shop: string): void {
    this.byShop.delete(shop);
  }

  private assertBlock(name: string, kind: "section" | "embed"): void {
    const block = this.extension.blocks.get(name);
    const target = block?.schema.target;
    const fits = kind === "section" ? target === "section" : target === "body" || target === "head";
    if (!block || !fits) {
      throw new Error(`The theme extension has no ${kind === "section" ? "app block" : "app embed"} named "${name}"`);
    }
  }
}
