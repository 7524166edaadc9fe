// What a benchmark run needs before it measures anything, on a fresh CI machine as on a
// developer's: Debian packages (nginx with nchan, Chromium), a production build of the app, and
// a migrated, seeded SQLite database that each configuration copies so that every server starts
// from the same state.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { ensureClientFor, prismaCli } from "../../setup/database";

export const ROOT = path.resolve(import.meta.dirname, "../../..");

/** Installs the Debian packages whose binaries are missing (CI machines start fresh). */
export function ensureDebianPackages(wanted: Array<{ pkg: string; binary: string }>, log: (line: string) => void) {
  const missing = wanted.filter(({ pkg, binary }) => !existsSync(binary) || spawnSync("dpkg", ["-s", pkg], { stdio: "ignore" }).status !== 0);
  if (!missing.length) return;
  const names = missing.map(({ pkg }) => pkg);
  log(`installing Debian packages: ${names.join(", ")}`);
  const asRoot = process.getuid?.() === 0 ? [] : ["sudo", "-n"];
  const run = (args: string[]) => {
    const [command, ...rest] = [...asRoot, ...args];
    const result = spawnSync(command as string, rest, { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (result.status !== 0) throw new Error(`${args.join(" ")} failed (${result.status}):\n${result.stderr}`);
  };
  // Only a missing package list makes an install fail, so the first attempt skips the update.
  try {
    run(["apt-get", "install", "-y", "--no-install-recommends", ...names]);
  } catch {
    run(["apt-get", "update"]);
    run(["apt-get", "install", "-y", "--no-install-recommends", ...names]);
  }
  for (const { pkg, binary } of missing) {
    if (!existsSync(binary)) throw new Error(`${pkg} was installed but ${binary} is still missing`);
  }
}

function newestMtime(entry: string): number {
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (child === "node_modules" || child.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

/**
 * A production build of the app in tests/.tmp/bench-build, rebuilt only when the app's sources,
 * server.ts, the Vite config, the lockfile or a benchmark's own route changed since (a build
 * takes 10–40 s here). The admin benchmark's floor (tests/bench/admin/floor-route.tsx) and the
 * join storm's uncached bootstrap (tests/bench/storm/uncached-route.ts) are the routes this build
 * has beyond the product's.
 */
export function ensureAppBuild(log: (line: string) => void, force = false): string {
  const dir = path.join(ROOT, "tests/.tmp/bench-build");
  const marker = path.join(dir, "server/index.js");
  const sources = ["app", "server.ts", "vite.config.ts", "package-lock.json", "prisma/schema.prisma", "tests/bench/admin/floor-route.tsx", "tests/bench/storm/uncached-route.ts"].map((entry) => path.join(ROOT, entry));
  const newestSource = Math.max(...sources.filter(existsSync).map(newestMtime));
  if (!force && existsSync(marker) && statSync(marker).mtimeMs > newestSource) return dir;
  log("building the app (remix vite:build)…");
  const started = Date.now();
  const build = spawnSync(process.execPath, [path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production", LIVE_SHOWS_BUILD_DIR: dir, LIVE_SHOWS_BENCH_FLOOR: "1" },
  });
  if (build.status !== 0) throw new Error(`The app build failed:\n${build.stdout}\n${build.stderr}`);
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return dir;
}

/** A migrated, empty SQLite database at this path (whatever was there before is removed). */
export function migratedDatabase(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  const url = `file:${file}`;
  ensureClientFor(url);
  prismaCli(["migrate", "deploy"], url);
  return url;
}

/** A copy of the seeded template for one configuration: every server starts from the same rows. */
export function copyDatabase(template: string, file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  // A WAL or journal left beside an older copy would be replayed into this one.
  for (const suffix of ["-journal", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  copyFileSync(template, file);
  return `file:${file}`;
}

/**
 * Sets a SQLite file's journal mode. WAL is stored in the file, so every connection that opens a
 * copy uses it; better-sqlite3 is built with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so in WAL mode a
 * commit does not wait for the disk (synchronous=NORMAL) — with no change to the app's code.
 */
export async function setJournalMode(file: string, mode: "wal" | "delete") {
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(file);
  try {
    const result = db.pragma(`journal_mode = ${mode}`, { simple: true });
    if (String(result).toLowerCase() !== mode) throw new Error(`${file}: journal_mode is ${result}, not ${mode}`);
  } finally {
    db.close();
  }
}
