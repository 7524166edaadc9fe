// The app proxy check against the sandbox's own signer: what Shopify signs, the app accepts.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { env } from "~/env.server";
import { signProxyQuery } from "../sandbox/shopify/app-proxy";
import { isSignedByAppProxy } from "~/shopify/app-proxy-signature.server";

// Seconds since the epoch when Shopify signed; the test sets the clock around it.
const SIGNED_AT = 1_900_000_000;
const signed = (query: Record<string, string> = {}, secret = env().SHOPIFY_API_SECRET) =>
  signProxyQuery(new URLSearchParams(query), { shop: "a.myshopify.com", customerId: "42", pathPrefix: "/apps/live", secret, timestamp: SIGNED_AT });
const at = (seconds: number) => vi.setSystemTime(seconds * 1000);

describe("the app proxy's signature", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["Date"] }));
  afterEach(() => vi.useRealTimers());

  it("holds for Shopify's signed query, with the shopper's own parameters", async () => {
    at(SIGNED_AT + 5);
    expect(await isSignedByAppProxy(signed({ country: "SE", locale: "sv" }))).toBe(true);
  });

  it("fails for another secret, a changed parameter, or an added one", async () => {
    at(SIGNED_AT);
    expect(await isSignedByAppProxy(signed({}, "another-secret"))).toBe(false);
    const changed = signed({ country: "SE" });
    changed.set("logged_in_customer_id", "43");
    expect(await isSignedByAppProxy(changed)).toBe(false);
    const added = signed();
    added.append("lite", "1");
    expect(await isSignedByAppProxy(added)).toBe(false);
  });

  it("fails once its timestamp is more than 90 seconds away", async () => {
    at(SIGNED_AT + 90);
    expect(await isSignedByAppProxy(signed())).toBe(true);
    at(SIGNED_AT + 91);
    expect(await isSignedByAppProxy(signed())).toBe(false);
    at(SIGNED_AT - 91);
    expect(await isSignedByAppProxy(signed())).toBe(false);
  });

  it("fails without a signature, or with a second shop", async () => {
    at(SIGNED_AT);
    const unsigned = signed();
    unsigned.delete("signature");
    expect(await isSignedByAppProxy(unsigned)).toBe(false);
    const twice = signed();
    twice.append("shop", "b.myshopify.com");
    expect(await isSignedByAppProxy(twice)).toBe(false);
  });
});
