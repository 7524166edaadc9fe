// Child processes of a benchmark run: servers under test and load generators. Each is started
// by this process and stopped by its own pid; whatever is still running when the run ends (an
// error, Ctrl-C) is stopped on the way out, so a run never leaves servers behind.
import { spawn, type ChildProcess } from "node:child_process";
import { appTestEnv } from "../../support/app-env";
import { INHERITED_SOCKET_ENV, type ReservedPort } from "../../support/reserved-port";
import { ROOT } from "./prepare";

const running = new Set<ChildProcess>();

export function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once("exit", () => running.delete(child));
  return child;
}

/** SIGTERM, not SIGKILL: nginx's master stops its workers on TERM, and would orphan them on KILL. */
export function stopAll() {
  for (const child of running) if (child.exitCode === null) child.kill("SIGTERM");
}

const exitHooks: Array<() => void> = [];
/** Runs when the run ends, however it ends (synchronous work only, e.g. removing its folder). */
export function atExit(hook: () => void) {
  exitHooks.push(hook);
}

let installed = false;
/** Stops every tracked child when the run ends or is interrupted. */
export function stopChildrenOnExit() {
  if (installed) return;
  installed = true;
  process.on("exit", () => {
    stopAll();
    for (const hook of exitHooks.splice(0)) hook();
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      stopAll();
      process.exit(130);
    });
  }
}

export interface NodeServer {
  port: number;
  logs(): string;
  close(): Promise<void>;
}

/** Starts `node <args>` (a server listening on the socket it inherits) and waits until it prints readyText. */
export async function startNodeServer(args: string[], env: Record<string, string>, socket: ReservedPort, readyText = "listening on"): Promise<NodeServer> {
  const script = args.at(-1) ?? "node";
  const { port } = socket;
  let output = "";
  const child = track(
    spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", ...INHERITED_SOCKET_ENV },
      stdio: ["ignore", "pipe", "pipe", socket.fd],
    }),
  );
  const released = socket.release();
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within 60 s:\n${output}`)), 60_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before listening:\n${output}`));
    };
    child.once("exit", onExit);
    child.stdout?.on("data", () => {
      if (!output.includes(readyText)) return;
      clearTimeout(timer);
      child.off("exit", onExit);
      resolve();
    });
  });
  await released;
  return {
    port,
    logs: () => output,
    async close() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The built app as production runs it (`node server.ts` serving the build), with the sandbox's
 * credentials (tests/support/app-env.ts), its own database and build folder, NODE_ENV=production.
 */
export function startApp(socket: ReservedPort, env: Record<string, string>): Promise<NodeServer> {
  return startNodeServer(["server.ts"], { ...appTestEnv({ SHOPIFY_APP_URL: socket.url, NODE_ENV: "production", ...env }) }, socket);
}
