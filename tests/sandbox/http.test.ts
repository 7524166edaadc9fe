import { describe, expect, it } from "vitest";
import { Router } from "./http";

describe("Router", () => {
  it("matches named segments and a trailing wildcard in path order", () => {
    const router = new Router().add("GET", "/shops/:shop/files/*", () => undefined);
    expect(router.match("GET", "/shops/a.myshopify.com/files/x/y.js")?.params).toEqual({ shop: "a.myshopify.com", "*": "x/y.js" });
    expect(router.match("POST", "/shops/a/files/x")).toBeUndefined();
  });
});
