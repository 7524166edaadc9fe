import { describe, expect, it } from "vitest";
import { storefrontHome, storefrontPage } from "./storefront-page";

const shop = "fjall.myshopify.com";

describe("links to the shop's storefront", () => {
  it("keeps a page on the shop's own storefront origins, and nothing else", () => {
    const origins = "https://fjall.example,https://www.fjall.example";
    expect(storefrontPage(shop, origins, "https://www.fjall.example/pages/live")).toBe("https://www.fjall.example/pages/live");
    expect(storefrontPage(shop, origins, "https://fjall.myshopify.com/products/scarf")).toBe("https://fjall.myshopify.com/products/scarf");
    for (const foreign of ["https://phish.example/pages/live", "https://fjall.example.phish.example/", "http://fjall.example/", "javascript:alert(1)", "not a url", "", undefined, null]) {
      expect(storefrontPage(shop, origins, foreign)).toBeNull();
    }
  });

  it("falls back to the primary domain, else the myshopify.com domain", () => {
    expect(storefrontHome(shop, "https://fjall.example,https://www.fjall.example")).toBe("https://fjall.example/");
    expect(storefrontHome(shop, "")).toBe("https://fjall.myshopify.com/");
    expect(storefrontHome(shop, "not an origin")).toBe("https://fjall.myshopify.com/");
  });
});
