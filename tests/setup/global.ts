import { rmSync } from "node:fs";
import { cachedAppBuild } from "./build-cache";
import { resetTestDatabase, ROOT, RUN_DIR, testDatabaseUrl } from "./database";

/** Runs once before all test files: a freshly migrated database and a current app build (tests/setup/build-cache.ts). */
export default async function setup() {
  const url = testDatabaseUrl();
  await resetTestDatabase(url);
  process.env.DATABASE_URL = url;
  process.env.LIVE_SHOWS_BUILD_DIR = cachedAppBuild(ROOT);

  return function teardown() {
    rmSync(RUN_DIR, { recursive: true, force: true });
  };
}
