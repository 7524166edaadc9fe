import { spawnSync } from "node:child_process";
import { resetTestDatabase, ROOT, testDatabaseUrl } from "./database";

/** Runs once before all test files: a freshly migrated database and a current app build. */
export default async function setup() {
  const url = testDatabaseUrl();
  await resetTestDatabase(url);
  process.env.DATABASE_URL = url;
  const build = spawnSync(process.execPath, [`${ROOT}/node_modules/@remix-run/dev/dist/cli.js`, "vite:build"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (build.status !== 0) throw new Error(`The app build failed:\n${build.stdout}\n${build.stderr}`);
}
