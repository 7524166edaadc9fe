import path from "node:path";
import { defineConfig } from "prisma/config";
import {
  DEFAULT_DATABASE_URL,
  createDriverAdapter,
  databaseProvider,
} from "./app/db/driver-adapter.server";

// The CLI reads env("DATABASE_URL") from the schema; if it were unset Prisma would try to
// download its native query engine, so the default is set here before anything else runs.
process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL;
process.env.CHECKPOINT_DISABLE ||= "1";
const url = process.env.DATABASE_URL;
const folder = databaseProvider(url) === "postgresql" ? "prisma/postgresql" : "prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(folder, "schema.prisma"),
  migrations: { path: path.join(folder, "migrations") },
  async adapter() {
    return createDriverAdapter(url);
  },
});
