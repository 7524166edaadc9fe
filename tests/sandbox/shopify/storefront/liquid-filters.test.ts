// Shopify's Liquid additions as the sandbox implements them: money formats, `t` with
// interpolation, plurals and fallback, and the form-field nesting of cart posts.
import { describe, expect, it } from "vitest";
import { formatMoney, formatMoneyWithoutCurrency, formatMoneyWithoutTrailingZeros } from "./money";
import { translate } from "./translations";
import { createLiquidEngine } from "./liquid-engine";
import { nestFormEntries } from "./request-body";
import { loadThemeExtension, parseBlockFile, type ThemeExtension } from "./theme-extension";
import { THEME_DIR } from "./render-page";

describe("money formats", () => {
  it.each([
    ["${{amount}}", "$1,134.65"],
    ["{{amount_no_decimals}} kr", "1,135 kr"],
    ["€{{amount_with_comma_separator}}", "€1.134,65"],
    ["{{amount_no_decimals_with_comma_separator}}", "1.135"],
    ["CHF {{amount_with_apostrophe_separator}}", "CHF 1'134.65"],
    ["{{amount_no_decimals_with_space_separator}}", "1 135"],
    ["{{amount_with_space_separator}} €", "1 134,65 €"],
    ["{{ amount_with_period_and_space_separator }}", "1 134.65"],
  ])("writes 113465 cents with %s as %s", (format, expected) => {
    expect(formatMoney(113465, format)).toBe(expected);
  });

  it("drops the symbol or the trailing zeros on request", () => {
    const formats = { moneyFormat: "€{{amount_with_comma_separator}}", moneyWithCurrencyFormat: "€{{amount_with_comma_separator}} EUR" };
    expect(formatMoneyWithoutCurrency(1999, formats)).toBe("19,99");
    expect(formatMoneyWithoutTrailingZeros(2000, formats)).toBe("€20");
    expect(formatMoneyWithoutTrailingZeros(2050, formats)).toBe("€20,50");
    expect(formatMoney(-250, "${{amount}}")).toBe("-$2.50");
  });

  it("reads the shop's formats inside Liquid", async () => {
    const engine = createLiquidEngine({ themeDir: THEME_DIR, extension: loadThemeExtension() });
    const shop = { money_format: "{{amount_with_comma_separator}} kr", money_with_currency_format: "{{amount_with_comma_separator}} kr SEK" };
    const html = await engine.parseAndRender("{{ 89900 | money }} / {{ 89900 | money_with_currency }} / {{ 89900 | money_without_currency }}", {}, { globals: { shop } });
    expect(html).toBe("899,00 kr / 899,00 kr SEK / 899,00");
  });
});

describe("the t filter", () => {
  const extension: ThemeExtension = {
    dir: "/nowhere",
    blocks: new Map(),
    defaultLocale: "en",
    locales: new Map<string, unknown>([
      ["en", { show: { starts: "Starts in {{ minutes }} minutes", viewers: { one: "{{ count }} viewer", other: "{{ count }} viewers" }, only_en: "English" } }],
      ["sv", { show: { starts: "Börjar om {{ minutes }} minuter" } }],
    ]),
  };

  it("interpolates, picks plurals and falls back to the default locale", () => {
    expect(translate(extension, "sv", "show.starts", { minutes: 5 })).toBe("Börjar om 5 minuter");
    expect(translate(extension, "sv-SE", "show.starts", { minutes: 5 })).toBe("Börjar om 5 minuter");
    expect(translate(extension, "en", "show.viewers", { count: 1 })).toBe("1 viewer");
    expect(translate(extension, "en", "show.viewers", { count: 12 })).toBe("12 viewers");
    expect(translate(extension, "sv", "show.only_en")).toBe("English");
    expect(translate(extension, "sv", "show.nothing")).toBe("Translation missing: sv.show.nothing");
  });

  it("takes keyword arguments and the request's locale in Liquid", async () => {
    const engine = createLiquidEngine({ themeDir: THEME_DIR, extension });
    const html = await engine.parseAndRender("{{ 'show.starts' | t: minutes: 3 }}", {}, { globals: { request: { locale: { iso_code: "sv" } } } });
    expect(html).toBe("Börjar om 3 minuter");
  });
});

describe("theme extension blocks", () => {
  it("reads the schema's target, assets and setting defaults, and swallows the schema tag", async () => {
    const block = parseBlockFile("demo", `<p>{{ block.settings.title }}</p>{% schema %}{"name":"Demo","target":"section","javascript":"a.js","settings":[{"type":"text","id":"title","default":"Hi"},{"type":"checkbox","id":"flag"},{"type":"header","content":"x"}]}{% endschema %}`);
    expect(block.schema).toMatchObject({ target: "section", javascript: "a.js" });
    expect(block.defaults).toEqual({ title: "Hi", flag: false });
    expect(block.source).toBe("<p>{{ block.settings.title }}</p>");
    const engine = createLiquidEngine({ themeDir: THEME_DIR, extension: loadThemeExtension() });
    expect(await engine.parseAndRender("a{% schema %}{\"x\": {\"y\": 1}}{% endschema %}b")).toBe("ab");
  });

  it("loads the app's extension: an app block for sections and an embed for the body", () => {
    const extension = loadThemeExtension();
    expect(extension.blocks.get("live-show")?.schema.target).toBe("section");
    expect(extension.blocks.get("live-show")?.defaults).toMatchObject({ layout: "side", accent_color: "#1f2937", show_chat: true });
    expect(extension.blocks.get("live-now")?.schema.target).toBe("body");
  });
});

describe("cart form fields", () => {
  it("nests bracketed names the way Shopify reads them", () => {
    expect(
      nestFormEntries([
        ["id", "1"],
        ["properties[Show]", "a"],
        ["items[0][id]", "2"],
        ["items[0][properties][_live_show]", "s"],
        ["items[1][id]", "3"],
        ["updates[]", "4"],
        ["updates[]", "0"],
        ["attributes[live_show]", "s"],
      ]),
    ).toEqual({
      id: "1",
      properties: { Show: "a" },
      items: [{ id: "2", properties: { _live_show: "s" } }, { id: "3" }],
      updates: ["4", "0"],
      attributes: { live_show: "s" },
    });
  });
});
