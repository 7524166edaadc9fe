import { describe, expect, it } from "vitest";
import { bodyLimitFor, checkDeclaredBody } from "./body-limits";

const limits = { webhookBytes: 1000, otherBytes: 100 };

describe("body limits", () => {
  it("gives webhooks the larger limit and everything else the smaller", () => {
    expect(bodyLimitFor("/webhooks/orders/paid", limits)).toBe(1000);
    expect(bodyLimitFor("/webhooks/mux", limits)).toBe(1000);
    expect(bodyLimitFor("/creator/sign-in", limits)).toBe(100);
    expect(bodyLimitFor("/proxy/shows/abc/chat", limits)).toBe(100);
    expect(bodyLimitFor("/app/shows/new", limits)).toBe(100);
  });

  it("accepts a declared length up to the limit and refuses one past it with the numbers", () => {
    expect(checkDeclaredBody("POST", "/app/shows/new", { contentLength: "100" }, limits)).toEqual({ ok: true });
    expect(checkDeclaredBody("POST", "/app/shows/new", { contentLength: "101" }, limits)).toEqual({
      ok: false,
      status: 413,
      reason: "The body is 101 bytes; at most 100 are accepted here",
    });
    expect(checkDeclaredBody("POST", "/webhooks/orders/paid", { contentLength: "1000" }, limits)).toEqual({ ok: true });
  });

  it("refuses a body without a length, and a length that is not a number", () => {
    expect(checkDeclaredBody("POST", "/webhooks/orders/paid", { transferEncoding: "chunked" }, limits)).toMatchObject({ ok: false, status: 411 });
    expect(checkDeclaredBody("GET", "/app", { transferEncoding: "chunked" }, limits)).toMatchObject({ ok: false, status: 400 });
    expect(checkDeclaredBody("POST", "/app", { contentLength: "12abc" }, limits)).toMatchObject({ ok: false, status: 400 });
  });

  it("lets requests without a body through", () => {
    expect(checkDeclaredBody("GET", "/app", {}, limits)).toEqual({ ok: true });
  });
});
