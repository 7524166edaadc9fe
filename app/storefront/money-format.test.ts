import { describe, expect, it } from "vitest";
import { formatMarketMoney, formatShopMoney } from "./money-format";

describe("formatShopMoney", () => {
  it("writes each of Shopify's placeholders as the theme's money filter does", () => {
    expect(formatShopMoney(113465, "USD", "${{amount}}")).toBe("$1,134.65");
    expect(formatShopMoney(113465, "USD", "${{ amount_no_decimals }}")).toBe("$1,135");
    expect(formatShopMoney(113465, "SEK", "{{amount_with_comma_separator}} kr")).toBe("1.134,65 kr");
    expect(formatShopMoney(113449, "EUR", "{{amount_no_decimals_with_comma_separator}} €")).toBe("1.134 €");
    expect(formatShopMoney(113465, "CHF", "CHF {{amount_with_apostrophe_separator}}")).toBe("CHF 1'134.65");
    expect(formatShopMoney(113465, "NOK", "kr {{amount_no_decimals_with_space_separator}}")).toBe("kr 1 135");
    expect(formatShopMoney(113465, "EUR", "{{amount_with_space_separator}} €")).toBe("1 134,65 €");
    expect(formatShopMoney(113465, "EUR", "€{{amount_with_period_and_space_separator}}")).toBe("€1 134.65");
  });

  it("counts zero-decimal currencies in whole units, and keeps small amounts' leading zeros", () => {
    expect(formatShopMoney(1990, "JPY", "¥{{amount_no_decimals}}")).toBe("¥1,990");
    expect(formatShopMoney(5, "EUR", "€{{amount}}")).toBe("€0.05");
    expect(formatShopMoney(-250, "USD", "${{amount}}")).toBe("-$2.50");
  });

  it("writes text: markup and entities in the format are resolved, and a format without a placeholder still shows the amount", () => {
    expect(formatShopMoney(1000, "EUR", '<span class="money">&euro;{{amount}}</span>')).toBe("€10.00");
    expect(formatShopMoney(1000, "EUR", "price")).toBe("10.00 EUR");
    expect(formatShopMoney(1000, "EUR", "{{unknown}}")).toBe("{{unknown}}");
  });

  it("refuses an amount that is not whole minor units", () => {
    expect(() => formatShopMoney(10.5, "EUR", "{{amount}}")).toThrow(/whole minor units/);
  });
});

describe("formatMarketMoney", () => {
  it("writes a market's currency in its own format and the storefront's language, not the shop's money format", () => {
    expect(formatMarketMoney(1006900, "SEK", "sv")).toBe("10\u00a0069,00\u00a0kr");
    expect(formatMarketMoney(1006900, "SEK", "en")).toBe("SEK\u00a010,069.00");
    expect(formatMarketMoney(7895, "EUR", "de")).toBe("78,95\u00a0€");
    expect(formatMarketMoney(7895, "EUR", "en-IE")).toBe("€78.95");
  });

  it("counts each currency's own minor units", () => {
    expect(formatMarketMoney(1990, "JPY", "en")).toBe("¥1,990");
    expect(formatMarketMoney(1250, "KWD", "en")).toBe("KWD\u00a01.250");
    expect(formatMarketMoney(5, "EUR", "en-IE")).toBe("€0.05");
  });

  it("refuses an amount that is not whole minor units", () => {
    expect(() => formatMarketMoney(10.5, "SEK", "sv")).toThrow(/whole minor units/);
  });
});
