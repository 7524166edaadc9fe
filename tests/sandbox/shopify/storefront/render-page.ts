// Renders a storefront page the way Shopify assembles one: the template first (with the app
// blocks the merchant placed in it, each wrapped in Shopify's block container), then the
// layout around it with `content_for_header` carrying the extension's stylesheet and deferred
// script once per page, and finally the enabled app embeds inserted before </body>.
import { fileURLToPath } from "node:url";
import type { Liquid, Template } from "liquidjs";
import type { SandboxShop } from "../state";
import { customerPrivacyScript } from "./customer-privacy";
import { createLiquidEngine, extensionAssetUrls } from "./liquid-engine";
import type { ExtensionBlock, ThemeExtension, BlockSettings } from "./theme-extension";
import type { AppBlockPlacement, ThemeSettings } from "./theme-settings";

export const THEME_DIR = fileURLToPath(new URL("./theme/", import.meta.url));

export type PageLayout = "theme" | "checkout" | "none";

export type TemplateName = "index" | "product" | "cart" | "login" | "404" | "checkout" | "thank-you";

export interface PageInput {
  /** A theme template by name, or Liquid source (an app proxy's application/liquid answer). */
  template: TemplateName | { source: string };
  /** "theme" for storefront pages, "checkout" for the checkout's own layout, "none" for bare content. */
  layout?: PageLayout;
  shop: SandboxShop;
  theme: ThemeSettings;
  pageTitle: string;
  path: string;
  /** Objects every template sees: shop, cart, customer, request … */
  globals: Record<string, unknown>;
  /** Objects for this template only (product, order, errors …). */
  locals?: Record<string, unknown>;
  /** The currency the buyer's market charges in and its rate from the shop's (window.Shopify.currency); the shop's own without one. */
  currency?: { active: string; rate: number };
}

interface AssetTags {
  stylesheets: Set<string>;
  scripts: Set<string>;
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export class ThemeRenderer {
  readonly engine: Liquid;
  private readonly parsedBlocks = new Map<string, Template[]>();
  private readonly assetUrl: (file: string) => string;

  constructor(readonly extension: ThemeExtension, themeDir = THEME_DIR) {
    this.assetUrl = extensionAssetUrls(extension);
    this.engine = createLiquidEngine({ themeDir, extension, assetUrl: this.assetUrl });
  }

  async renderPage(input: PageInput): Promise<string> {
    const assets: AssetTags = { stylesheets: new Set(), scripts: new Set() };
    const globals = { ...input.globals, request: {} as Record<string, unknown> };

    const placements = input.template === "index" ? input.theme.home : input.template === "product" ? input.theme.product : [];
    const pageType = typeof input.template === "string" ? input.template : "app-proxy";
    globals.request = { locale: { iso_code: input.theme.locale }, path: input.path, design_mode: false, page_type: pageType };
    const appBlocks: string[] = [];
    // Global objects (shop, cart, request …) are liquidjs globals so snippets and blocks see them
    // too; template objects such as `product` are passed to app blocks as Shopify does.
    for (const [i, placement] of placements.entries()) {
      appBlocks.push(await this.renderAppBlock(placement, i, globals, input.locals ?? {}, assets));
    }

    const headEmbeds: string[] = [];
    const bodyEmbeds: string[] = [];
    if ((input.layout ?? "theme") === "theme") {
      for (const [name, embed] of Object.entries(input.theme.embeds)) {
        if (!embed.enabled) continue;
        const block = this.block(name);
        const html = await this.renderBlock(block, `${name.replace(/-/g, "_")}_embed`, embed.settings ?? {}, globals, input.locals ?? {}, assets);
        (block.schema.target === "head" ? headEmbeds : bodyEmbeds).push(html);
      }
    }

    const locals = { ...input.locals, app_blocks: appBlocks };
    const content =
      typeof input.template === "string"
        ? await this.engine.renderFile(input.template, locals, { globals })
        : await this.engine.parseAndRender(input.template.source, locals, { globals });
    if (input.layout === "none") return content;
    const html = await this.engine.renderFile(
      `layout/${input.layout ?? "theme"}`,
      {
        page_title: input.pageTitle,
        content_for_layout: content,
        content_for_header: this.contentForHeader(input, assets) + headEmbeds.join("\n"),
      },
      { globals },
    );
    return insertBeforeBodyEnd(html, bodyEmbeds.join("\n"));
  }

  /** An app block in a section: Shopify wraps it in `shopify-block shopify-app-block`. */
  private async renderAppBlock(
    placement: AppBlockPlacement,
    index: number,
    globals: Record<string, unknown>,
    locals: Record<string, unknown>,
    assets: AssetTags,
  ): Promise<string> {
    const block = this.block(placement.block);
    const id = placement.id ?? `${placement.block.replace(/-/g, "_")}_${index + 1}`;
    const inner = await this.renderBlock(block, id, placement.settings ?? {}, globals, locals, assets);
    return `<div id="shopify-block-${escapeHtml(id)}" class="shopify-block shopify-app-block">${inner}</div>`;
  }

  /** Renders one extension block with its `block` object; queues its schema's assets. */
  private async renderBlock(
    block: ExtensionBlock,
    id: string,
    settings: BlockSettings,
    globals: Record<string, unknown>,
    locals: Record<string, unknown>,
    assets: AssetTags,
  ): Promise<string> {
    if (block.schema.stylesheet) assets.stylesheets.add(block.schema.stylesheet);
    if (block.schema.javascript) assets.scripts.add(block.schema.javascript);
    let templates = this.parsedBlocks.get(block.handle);
    if (!templates) this.parsedBlocks.set(block.handle, (templates = this.engine.parse(block.source, `blocks/${block.handle}.liquid`)));
    const blockObject = {
      id,
      type: `shopify://apps/live-shows/blocks/${block.handle}`,
      settings: { ...block.defaults, ...settings },
      // Filled only inside the theme editor, where it names the block for the editor's overlay.
      shopify_attributes: "",
    };
    return this.engine.render(templates, { ...locals, block: blockObject }, { globals });
  }

  private block(name: string): ExtensionBlock {
    const block = this.extension.blocks.get(name);
    if (!block) throw new Error(`The theme extension has no block "${name}"`);
    return block;
  }

  /** Shopify's head injection: storefront globals, then each extension asset once. */
  private contentForHeader(input: PageInput, assets: AssetTags): string {
    const shopifyGlobal = {
      shop: input.shop.domain,
      locale: input.theme.locale,
      currency: { active: input.currency?.active ?? input.shop.currencyCode, rate: String(input.currency?.rate ?? "1.0") },
      country: "US",
      routes: { root: "/" },
    };
    const assetUrl = this.assetUrl;
    const lines = [
      `<script>window.Shopify = window.Shopify || {}; Object.assign(window.Shopify, ${JSON.stringify(shopifyGlobal).replace(/</g, "\\u003c")});</script>`,
      customerPrivacyScript(),
      ...[...assets.stylesheets].map((file) => `<link href="${escapeHtml(assetUrl(file))}" rel="stylesheet" type="text/css" media="all">`),
      ...[...assets.scripts].map((file) => `<script src="${escapeHtml(assetUrl(file))}" defer="defer"></script>`),
    ];
    return lines.join("\n");
  }
}

export function insertBeforeBodyEnd(html: string, addition: string): string {
  if (!addition) return html;
  const at = html.lastIndexOf("</body>");
  return at < 0 ? html + addition : `${html.slice(0, at)}${addition}\n${html.slice(at)}`;
}
