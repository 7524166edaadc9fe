import { describe, expect, it } from "vitest";
import { storefrontOrigins } from "./cors";

describe("storefrontOrigins", () => {
  it("takes the configured origins, normalised, and the shop's myshopify.com domain", () => {
    const origins = storefrontOrigins("north.myshopify.com", " https://Shop.Example/ ,https://www.shop.example:8443/path,not a url,");
    expect([...origins].sort()).toEqual(["https://north.myshopify.com", "https://shop.example", "https://www.shop.example:8443"]);
  });
});
