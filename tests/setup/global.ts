import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { resetTestDatabase, ROOT, RUN_DIR, testDatabaseUrl } from "./database";

/** Runs once before all test files: a freshly migrated database and a current app build. */
export default async function setup() {
  const url = testDatabaseUrl();
  await resetTestDatabase(url);
  process.env.DATABASE_URL = url;
  process.env.LIVE_SHOWS_BUILD_DIR = path.join(RUN_DIR, "build");
  const build = spawnSync(process.execPath, [`${ROOT}/node_modules/@remix-run/dev/dist/cli.js`, "vite:build"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (build.status !== 0) throw new Error(`The app build failed:\n${build.stdout}\n${build.stderr}`);

  return function teardown() {
    rmSync(RUN_DIR, { recursive: true, force: true });
  };
}
