// `npm run demo`: the whole app offline on this machine. Migrates the SQLite database,
// builds the app, starts it with the sandbox's credentials, and prints where to go.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { startAppServer } from "../support/app-server";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DEMO_DATABASE_URL = `file:${path.join(ROOT, "prisma/demo.db")}`;
const APP_PORT = Number(process.env.PORT || 3000);

function run(command: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed`);
}

async function main() {
  console.log("Preparing the demo database and building the app…");
  run(process.execPath, ["node_modules/prisma/build/index.js", "generate"], { DATABASE_URL: DEMO_DATABASE_URL });
  run(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], { DATABASE_URL: DEMO_DATABASE_URL });
  run(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], { NODE_ENV: "production" });

  const app = await startAppServer({ DATABASE_URL: DEMO_DATABASE_URL, NODE_ENV: "development" }, APP_PORT);
  console.log(`\nLive Shows is running.\n  App health:  ${app.url}/healthz\n\nPress Ctrl-C to stop.`);

  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

await main();
