// Writes prisma/postgresql/schema.prisma from prisma/schema.prisma: Prisma fixes the provider
// per schema file, so PostgreSQL gets a copy that differs only in its datasource.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const SQLITE_SCHEMA = fileURLToPath(new URL("./schema.prisma", import.meta.url));
export const POSTGRES_SCHEMA = fileURLToPath(new URL("./postgresql/schema.prisma", import.meta.url));

export function postgresSchemaFrom(sqliteSchema: string): string {
  const header = "// Generated from ../schema.prisma by `npm run db:schemas`. Edit that file, not this one.\n";
  return header + sqliteSchema.replace('provider = "sqlite"', 'provider = "postgresql"');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(POSTGRES_SCHEMA, postgresSchemaFrom(readFileSync(SQLITE_SCHEMA, "utf8")));
}
