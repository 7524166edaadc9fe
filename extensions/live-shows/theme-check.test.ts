import path from "node:path";
import { themeCheckRun } from "@shopify/theme-check-node";
import { describe, expect, it } from "vitest";

const extensionRoot = path.resolve(import.meta.dirname);

describe("theme app extension", () => {
  it("passes Shopify's theme check for theme app extensions with no errors or warnings", async () => {
    const run = await themeCheckRun(extensionRoot, path.join(extensionRoot, ".theme-check.yml"), () => {});
    const offenses = run.offenses.map((offense) => `${offense.uri.split("/").slice(-2).join("/")}: ${offense.check} ${offense.message}`);
    expect(offenses).toEqual([]);
  });
});
