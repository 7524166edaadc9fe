// The app build the tests run, made once per version of what goes into it. Every vitest run used
// to build the app again (about a minute of CPU), though most runs change only tests; the build
// is now kept under a key of its inputs and reused until one of them changes.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from "node:fs";
import path from "node:path";

const INPUTS = ["app", "public", "vite.config.ts", "tsconfig.json", "package-lock.json", "env.d.ts"];
const KEEP = 3;
// A build a run may still be starting servers from is never removed.
const IN_USE_MS = 60 * 60_000;

function* files(entry: string): Generator<string> {
  if (!existsSync(entry)) return;
  if (statSync(entry).isFile()) {
    yield entry;
    return;
  }
  for (const name of readdirSync(entry).sort()) {
    // Tests beside the code are not part of the build.
    if (/\.test\.tsx?$/.test(name)) continue;
    yield* files(path.join(entry, name));
  }
}

export function buildKey(root: string): string {
  const hash = createHash("sha256");
  for (const input of INPUTS) {
    for (const file of files(path.join(root, input))) {
      hash.update(path.relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
    }
  }
  return hash.digest("hex").slice(0, 16);
}

/** The folder of a build of the current inputs, built now if none is kept. */
export function cachedAppBuild(root: string): string {
  const builds = path.join(root, "tests/.tmp/builds");
  const dir = path.join(builds, buildKey(root));
  if (existsSync(path.join(dir, "server/index.js"))) {
    const now = new Date();
    utimesSync(dir, now, now);
    return dir;
  }
  // Built aside and moved in whole, so a run started meanwhile never sees half a build.
  const partial = `${dir}.partial-${process.pid}`;
  const build = spawnSync(process.execPath, [`${root}/node_modules/@remix-run/dev/dist/cli.js`, "vite:build"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production", LIVE_SHOWS_BUILD_DIR: partial },
  });
  if (build.status !== 0) {
    rmSync(partial, { recursive: true, force: true });
    throw new Error(`The app build failed:\n${build.stdout}\n${build.stderr}`);
  }
  mkdirSync(builds, { recursive: true });
  if (existsSync(dir)) rmSync(partial, { recursive: true, force: true });
  else renameSync(partial, dir);
  pruneBuilds(builds);
  return dir;
}

function pruneBuilds(builds: string) {
  const kept = readdirSync(builds)
    .filter((name) => !name.includes(".partial-"))
    .map((name) => ({ name, at: statSync(path.join(builds, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { name, at } of kept.slice(KEEP)) {
    if (Date.now() - at > IN_USE_MS) rmSync(path.join(builds, name), { recursive: true, force: true });
  }
}
