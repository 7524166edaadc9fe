// The Liquid engine for the sandbox theme and the app's theme extension: liquidjs plus what
// Shopify adds to Liquid that the extension and the theme use — the {% schema %} tag, `t`,
// the money filters, asset and image URLs, and the tag helpers.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Liquid, type TagToken, type TopLevelToken } from "liquidjs";
import { formatMoney, formatMoneyWithoutCurrency, formatMoneyWithoutTrailingZeros, type MoneyFormats } from "./money";
import { translate, type TranslationVariables } from "./translations";
import type { ThemeExtension } from "./theme-extension";

/** Where the sandbox serves the extension's assets (Shopify serves them from its CDN). */
export const EXTENSION_ASSET_PATH = "/cdn/extensions/live-shows/assets";

/** The part of the render context the filters read (the `this.context` of a liquidjs filter). */
interface FilterScope {
  context: { getSync(path: PropertyKey[]): unknown };
}

function moneyFormats(scope: FilterScope): MoneyFormats {
  return {
    moneyFormat: String(scope.context.getSync(["shop", "money_format"]) ?? "${{amount}}"),
    moneyWithCurrencyFormat: String(scope.context.getSync(["shop", "money_with_currency_format"]) ?? "${{amount}} USD"),
  };
}

/** liquidjs hands keyword arguments (`t: name: value`) to filters as [key, value] pairs. */
function keywordArguments(args: unknown[]): TranslationVariables {
  const variables: TranslationVariables = {};
  for (const arg of args) if (Array.isArray(arg) && arg.length === 2 && typeof arg[0] === "string") variables[arg[0]] = arg[1];
  return variables;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** An image input may be a URL or an object carrying one (image, variant, product). */
function imageSource(input: unknown): string | undefined {
  if (typeof input === "string") return input || undefined;
  if (input && typeof input === "object") {
    const record = input as Record<string, unknown>;
    for (const key of ["src", "url", "featured_image", "image"]) {
      const found = imageSource(record[key]);
      if (found) return found;
    }
  }
  return undefined;
}

function withWidth(url: string, width: unknown): string {
  if (width === undefined || width === null || width === "") return url;
  return `${url}${url.includes("?") ? "&" : "?"}width=${encodeURIComponent(String(width))}`;
}

/**
 * URLs of the extension's assets, versioned by content like Shopify's CDN URLs, so a new build
 * of the loader is never served from a stale cache.
 */
export function extensionAssetUrls(extension: ThemeExtension): (file: string) => string {
  const versions = new Map<string, string>();
  return (file) => {
    let version = versions.get(file);
    if (version === undefined) {
      try {
        version = createHash("sha1").update(readFileSync(join(extension.dir, "assets", file))).digest("hex").slice(0, 10);
      } catch {
        version = "missing";
      }
      versions.set(file, version);
    }
    return `${EXTENSION_ASSET_PATH}/${encodeURIComponent(file)}?v=${version}`;
  };
}

export function createLiquidEngine({
  themeDir,
  extension,
  assetUrl = extensionAssetUrls(extension),
}: {
  themeDir: string;
  extension: ThemeExtension;
  assetUrl?: (file: string) => string;
}): Liquid {
  const engine = new Liquid({
    root: [join(themeDir, "templates"), themeDir],
    partials: [join(themeDir, "snippets")],
    layouts: [join(themeDir, "layout")],
    extname: ".liquid",
    cache: true,
  });

  // {% schema %} describes a block or section to the theme editor and renders nothing. Its JSON
  // is read separately (theme-extension.ts); here the tag only swallows its content.
  engine.registerTag("schema", {
    parse(_token: TagToken, remaining: TopLevelToken[]) {
      while (remaining.length) {
        const token = remaining.shift() as TopLevelToken & { name?: string };
        if (token.name === "endschema") return;
      }
      throw new Error("{% schema %} is not closed by {% endschema %}");
    },
    render() {
      return "";
    },
  });

  engine.registerFilter("t", function (this: FilterScope, key: unknown, ...args: unknown[]) {
    const locale = String(this.context.getSync(["request", "locale", "iso_code"]) ?? extension.defaultLocale);
    return translate(extension, locale, String(key), keywordArguments(args));
  });

  engine.registerFilter("money", function (this: FilterScope, cents: unknown) {
    return formatMoney(cents as number, moneyFormats(this).moneyFormat);
  });
  engine.registerFilter("money_with_currency", function (this: FilterScope, cents: unknown) {
    return formatMoney(cents as number, moneyFormats(this).moneyWithCurrencyFormat);
  });
  engine.registerFilter("money_without_currency", function (this: FilterScope, cents: unknown) {
    return formatMoneyWithoutCurrency(cents as number, moneyFormats(this));
  });
  engine.registerFilter("money_without_trailing_zeros", function (this: FilterScope, cents: unknown) {
    return formatMoneyWithoutTrailingZeros(cents as number, moneyFormats(this));
  });

  engine.registerFilter("asset_url", (file: unknown) => assetUrl(String(file)));
  engine.registerFilter("stylesheet_tag", (url: unknown) => `<link href="${escapeAttribute(String(url))}" rel="stylesheet" type="text/css" media="all" />`);
  engine.registerFilter("script_tag", (url: unknown) => `<script src="${escapeAttribute(String(url))}" type="text/javascript"></script>`);

  // Shopify's escape leaves nil as an empty string (liquidjs would write "undefined" in some paths).
  engine.registerFilter("escape", (value: unknown) => (value === null || value === undefined ? "" : escapeAttribute(String(value)).replace(/'/g, "&#39;")));

  engine.registerFilter("img_url", (input: unknown, size?: unknown) => {
    const url = imageSource(input) ?? "";
    const width = typeof size === "string" ? /^(\d+)x/.exec(size)?.[1] : undefined;
    return withWidth(url, width);
  });
  engine.registerFilter("image_url", (input: unknown, ...args: unknown[]) => withWidth(imageSource(input) ?? "", keywordArguments(args).width));
  engine.registerFilter("image_tag", (url: unknown, ...args: unknown[]) => {
    const attributes = keywordArguments(args);
    const alt = attributes.alt === undefined ? "" : String(attributes.alt);
    const extra = Object.entries(attributes)
      .filter(([name]) => name !== "alt")
      .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
      .join("");
    return `<img src="${escapeAttribute(String(url))}" alt="${escapeAttribute(alt)}"${extra}>`;
  });

  return engine;
}
