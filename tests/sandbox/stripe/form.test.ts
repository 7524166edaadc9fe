import { describe, expect, it } from "vitest";
import { canonicalJson, decodeForm, FormDecodeError, paramName, splitKey } from "./form";

describe("decodeForm", () => {
  it("nests bracketed keys the way the stripe SDK encodes them", () => {
    const body = "type=express&capabilities[transfers][requested]=true&metadata[creator_id]=c%201&business_profile[url]=https%3A%2F%2Fa.example";
    expect(decodeForm(body)).toEqual({
      type: "express",
      capabilities: { transfers: { requested: "true" } },
      metadata: { creator_id: "c 1" },
      business_profile: { url: "https://a.example" },
    });
  });

  it("reads brackets percent-encoded or not", () => {
    expect(decodeForm("metadata%5Bshow%5D=7")).toEqual({ metadata: { show: "7" } });
  });

  it("makes arrays from indexed and empty brackets, in index order", () => {
    expect(decodeForm("expand[1]=b&expand[0]=a")).toEqual({ expand: ["a", "b"] });
    expect(decodeForm("types[]=transfer.created&types[]=payout.paid")).toEqual({ types: ["transfer.created", "payout.paid"] });
  });

  it("keeps an empty value, which Stripe reads as 'unset'", () => {
    expect(decodeForm("metadata=")).toEqual({ metadata: "" });
  });

  it("refuses a key given twice or as both a value and a hash", () => {
    expect(() => decodeForm("amount=1&amount=2")).toThrow(FormDecodeError);
    expect(() => decodeForm("metadata=x&metadata[a]=1")).toThrow(/Invalid hash/);
  });

  it("keeps prototype-looking keys as plain data", () => {
    const decoded = decodeForm("metadata[__proto__]=x");
    expect(Object.keys(decoded.metadata as object)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe("helpers", () => {
  it("splits keys into segments", () => {
    expect(splitKey("a[b][]")).toEqual(["a", "b", ""]);
    expect(splitKey("plain")).toEqual(["plain"]);
  });

  it("names params in bracket notation", () => {
    expect(paramName(["capabilities", "transfers", "requested"])).toBe("capabilities[transfers][requested]");
  });

  it("compares parameters regardless of key order", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [1, 2] } })).toBe(canonicalJson({ a: { c: [1, 2], d: 2 }, b: 1 }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });
});
