import { parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { loadAdminSchema } from "../../tests/support/admin-schema";
import { adminDocument, isAdminDocument, type AdminDocument } from "./document";

// The version the app is pinned to (app/shopify/api-version.ts and shopify.app.toml say the same).
const API_VERSION = "2026-07";

const modules = import.meta.glob<Record<string, unknown>>(["./*.ts", "!./*.test.ts", "!./document.ts"], { eager: true });

const documents = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter((entry): entry is [string, AdminDocument<unknown, unknown>] => isAdminDocument(entry[1]))
    .map(([name, document]) => ({ name: `${file.slice(2)} ${name}`, document })),
);

function validationErrors(document: AdminDocument<unknown, unknown>) {
  return validate(loadAdminSchema(API_VERSION), parse(document.source)).map((error) => error.message);
}

describe("Admin GraphQL documents", () => {
  it("finds the app's documents", () => {
    expect(documents.length).toBeGreaterThan(0);
  });

  it.each(documents)("$name is valid against Shopify's Admin schema", ({ document }) => {
    expect(validationErrors(document)).toEqual([]);
  });

  it("rejects a document with a misspelled field", () => {
    const misspelled = adminDocument(`query { shop { currencyCodee } }`);
    expect(validationErrors(misspelled)).toEqual([expect.stringContaining('Cannot query field "currencyCodee" on type "Shop"')]);
  });
});

describe("the pinned version", () => {
  it("matches the webhook api_version in shopify.app.toml and the app's ApiVersion", async () => {
    const { readFileSync } = await import("node:fs");
    const toml = readFileSync(new URL("../../shopify.app.toml", import.meta.url), "utf8");
    const source = readFileSync(new URL("../shopify/api-version.ts", import.meta.url), "utf8");
    expect(toml).toContain(`api_version = "${API_VERSION}"`);
    expect(source).toContain("ApiVersion.July26");
  });
});
