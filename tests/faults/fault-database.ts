// The database a fault run seeds and checks, and how an app process is pointed at it.
// A Prisma client is generated for one provider, and the suite's (node_modules/.prisma) is
// regenerated for whichever database a run uses, by any run on the machine; a fault run also
// starts a private PostgreSQL inside a SQLite run. So the fault runs generate their own client per
// provider into tests/.tmp (once per schema), use it here, and have their app processes load it
// too (prisma-client-preload.mjs), whatever state node_modules/.prisma is in.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { PrismaClient } from "@prisma/client";
import { createDriverAdapter, databaseProvider, type DatabaseProvider } from "../../app/db/driver-adapter.server";
import { ROOT } from "../setup/database";

const SCHEMAS: Record<DatabaseProvider, string> = {
  sqlite: path.join(ROOT, "prisma/schema.prisma"),
  postgresql: path.join(ROOT, "prisma/postgresql/schema.prisma"),
};
const CLIENTS = path.join(ROOT, "tests/.tmp/faults-prisma-clients");
const PRELOAD = path.join(import.meta.dirname, "prisma-client-preload.mjs");

export interface FaultDatabase {
  url: string;
  db: PrismaClient;
  /** What an app process on this database needs in its environment besides DATABASE_URL. */
  appEnv: Record<string, string>;
  close(): Promise<void>;
}

/** The provider's Prisma client of the current schema, generated now if none is kept. */
function generatedClientDir(provider: DatabaseProvider): string {
  const schema = readFileSync(SCHEMAS[provider], "utf8");
  const dir = path.join(CLIENTS, `${provider}-${createHash("sha256").update(schema).digest("hex").slice(0, 16)}`);
  const client = path.join(dir, "client");
  if (existsSync(path.join(client, "index.js"))) {
    // Marks it in use, so that another run's pruning leaves it alone.
    utimesSync(dir, new Date(), new Date());
    return client;
  }
  // Generated aside and moved in whole, so a run started meanwhile never loads half a client.
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const generator = /(generator client \{[^}]*engineType\s*=\s*"client")/;
  if (!generator.test(schema)) throw new Error(`${SCHEMAS[provider]}: no "generator client" block with engineType = "client" to generate from`);
  // The output must lie inside the project, or Prisma tries to install itself beside it.
  writeFileSync(path.join(partial, "schema.prisma"), schema.replace(generator, `$1\n  output     = ${JSON.stringify(path.join(partial, "client"))}`));
  const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules/prisma/build/index.js"), "generate", "--schema", path.join(partial, "schema.prisma")], {
    cwd: ROOT,
    encoding: "utf8",
    // The URL only picks prisma.config.ts's provider; nothing connects.
    env: { ...process.env, DATABASE_URL: provider === "postgresql" ? "postgresql://generate@localhost/none" : "file:./none.db", CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
  if (result.status !== 0) throw new Error(`prisma generate (${provider} client for the fault runs) failed:\n${result.stdout}\n${result.stderr}`);
  if (existsSync(dir)) rmSync(partial, { recursive: true, force: true });
  else renameSync(partial, dir);
  pruneClients(dir);
  return client;
}

function pruneClients(keep: string) {
  for (const name of readdirSync(CLIENTS)) {
    const entry = path.join(CLIENTS, name);
    if (entry === keep || Date.now() - statSync(entry).mtimeMs < 60 * 60_000) continue;
    rmSync(entry, { recursive: true, force: true });
  }
}

/** A Prisma client for the URL, and the environment that gives an app process the same client. */
export function openFaultDatabase(url: string): FaultDatabase {
  const dir = generatedClientDir(databaseProvider(url));
  const generated = createRequire(import.meta.url)(dir) as { PrismaClient: new (options: { adapter: ReturnType<typeof createDriverAdapter> }) => PrismaClient };
  const db = new generated.PrismaClient({ adapter: createDriverAdapter(url) });
  return {
    url,
    db,
    appEnv: {
      LIVE_SHOWS_PRISMA_CLIENT_DIR: dir,
      NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import=${pathToFileURL(PRELOAD).href}`].filter(Boolean).join(" "),
    },
    close: () => db.$disconnect(),
  };
}
