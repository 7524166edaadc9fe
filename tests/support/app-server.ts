// Starts the built app (server.ts serving build/) as its own process, as production runs it.
import { spawn } from "node:child_process";
import path from "node:path";
import type { Readable } from "node:stream";
import { appTestEnv } from "./app-env";
import { INHERITED_SOCKET_ENV, reservePort, type ReservedPort } from "./reserved-port";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface AppServer {
  url: string;
  port: number;
  /** The app's process id, e.g. to read its memory from /proc. */
  pid: number;
  logs(): string;
  close(): Promise<void>;
}

/**
 * Starts the app on a socket bound beforehand (reserved here unless given), so the port is the
 * app's without a window for another process; give one when the sandbox must know the app's URL
 * before the app starts.
 */
export async function startAppServer(env: Record<string, string> = {}, reserved?: ReservedPort): Promise<AppServer> {
  const socket = reserved ?? (await reservePort());
  const { url, port } = socket;
  let output = "";
  const child = spawn(process.execPath, ["server.ts"], {
    cwd: ROOT,
    env: { ...process.env, ...appTestEnv({ SHOPIFY_APP_URL: url, ...env }), PORT: String(port), ...INHERITED_SOCKET_ENV },
    stdio: ["ignore", "pipe", "pipe", socket.fd],
  });
  // The child holds the socket now; this process's copy would only compete for connections.
  const released = socket.release();
  // Piped above; Node's types lose that when stdio has a fourth entry.
  const [stdout, stderr] = [child.stdout, child.stderr] as [Readable, Readable];
  stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));

  await new Promise<void>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`The app exited (${code}) before listening:\n${output}`));
    child.once("exit", onExit);
    stdout.on("data", () => {
      if (output.includes("listening on")) {
        child.off("exit", onExit);
        resolve();
      }
    });
  });
  await released;

  return {
    url,
    port,
    pid: child.pid as number,
    logs: () => output,
    close: () =>
      new Promise<void>((resolve) => {
        // A process killed by a signal (a test's SIGKILL) has no exit code, only the signal.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
