// Starts the built app (server.ts serving build/) as its own process, as production runs it.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { appTestEnv } from "./app-env";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface AppServer {
  url: string;
  port: number;
  logs(): string;
  close(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export async function startAppServer(env: Record<string, string> = {}, port?: number): Promise<AppServer> {
  const chosenPort = port ?? (await freePort());
  const url = `http://127.0.0.1:${chosenPort}`;
  let output = "";
  const child = spawn(process.execPath, ["server.ts"], {
    cwd: ROOT,
    env: { ...process.env, ...appTestEnv({ SHOPIFY_APP_URL: url, ...env }), PORT: String(chosenPort), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));

  await new Promise<void>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`The app exited (${code}) before listening:\n${output}`));
    child.once("exit", onExit);
    child.stdout.on("data", () => {
      if (output.includes("listening on")) {
        child.off("exit", onExit);
        resolve();
      }
    });
  });

  return {
    url,
    port: chosenPort,
    logs: () => output,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
