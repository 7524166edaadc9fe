import { describe, expect, it } from "vitest";
import { ExplainedError } from "./explained-error";
import { explainError, newErrorId } from "./explain-error.server";
import { captureLog as capture } from "../../tests/support/log-capture";

class ProviderError extends ExplainedError {
  override name = "ProviderError";
}

describe("explainError: what a page shows for an error", () => {
  it("shows the app's own refusal in its words, and logs nothing", () => {
    const { logger, lines } = capture();
    expect(explainError(new ExplainedError("No deal is running"), { shop: "northwind.myshopify.com" }, logger)).toBe("No deal is running");
    expect(lines).toEqual([]);
  });

  it("shows a provider's failure in the app's words, and logs what the provider said", () => {
    const { logger, lines } = capture();
    const error = new ProviderError("Mux could not read the live stream just now; try again in a moment.", {
      message: "Mux could not read the live stream: 503 upstream connect error",
      cause: new Error("503 upstream connect error"),
    });
    const words = explainError(error, { shop: "northwind.myshopify.com", showId: "show_1" }, logger);
    expect(words).toBe("Mux could not read the live stream just now; try again in a moment.");
    expect(words).not.toContain("503");
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, msg: "Mux could not read the live stream: 503 upstream connect error", shop: "northwind.myshopify.com", showId: "show_1" }),
    ]);
  });

  it("answers anything else with generic words and an error id, and logs the error under that id", () => {
    const { logger, lines } = capture();
    const words = explainError(new TypeError("Cannot read properties of undefined (reading 'discountId')"), { shop: "northwind.myshopify.com", intent: "stop_deal" }, logger);

    expect(words).not.toMatch(/Cannot read|undefined|discountId|TypeError/);
    const errorId = /quote error ([A-Z0-9]{8}) when you ask for help\.$/.exec(words)?.[1];
    expect(words).toMatch(/^Something went wrong on our side\. Try again in a moment;/);
    expect(errorId).toBeDefined();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, errorId, shop: "northwind.myshopify.com", intent: "stop_deal", err: { type: "TypeError", message: "Cannot read properties of undefined (reading 'discountId')" } });
    expect(String(lines[0]!.msg)).toContain(errorId!);
  });

  it("gives each unexpected error its own id", () => {
    const { logger, lines } = capture();
    const ids = new Set(Array.from({ length: 50 }, () => /error ([A-Z0-9]{8})/.exec(explainError(new Error("boom"), {}, logger))![1]));
    expect(ids.size).toBe(50);
    expect(new Set(lines.map((line) => line.errorId))).toEqual(ids);
    expect(newErrorId()).toMatch(/^[A-HJKMNP-TV-Z2-9]{8}$/);
  });

  it("keeps a string, a Prisma-like object or nothing thrown off the page too", () => {
    const { logger, lines } = capture();
    for (const thrown of ["connection refused", { code: "P2025", meta: { cause: "Record to update not found." } }, undefined]) {
      expect(explainError(thrown, {}, logger)).toMatch(/^Something went wrong on our side\./);
    }
    expect(lines).toHaveLength(3);
  });

  it("throws a Response on, for Remix and App Bridge to act on", () => {
    const { logger, lines } = capture();
    const reauthorize = new Response(null, { status: 401, headers: { "X-Shopify-API-Request-Failure-Reauthorize": "1" } });
    let thrown: unknown;
    try {
      explainError(reauthorize, {}, logger);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBe(reauthorize);
    expect(lines).toEqual([]);
  });
});
