import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchemaFrom } from "./schemas";

describe("the PostgreSQL schema variant", () => {
  it("is generated from the SQLite schema (run `npm run db:schemas` after editing prisma/schema.prisma)", () => {
    expect(readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(postgresSchemaFrom(readFileSync(SQLITE_SCHEMA, "utf8")));
  });
});
