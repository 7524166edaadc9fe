// A Redis server of the fault run's own, on a Unix socket in a folder of its own (no TCP port:
// --port 0), so killing and restarting it touches nothing else on the machine, least of all the
// Redis on 127.0.0.1:6379 that other tests share, and no other process can take its address
// while it is down. The app reaches it through ioredis's `path` option, which REDIS_URL carries
// in its query (redis://localhost/?path=…).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../setup/database";

export interface PrivateRedis {
  url: string;
  /** Kills the server (SIGKILL: nothing is saved, as configured) and waits for it to be gone. */
  kill(): Promise<void>;
  /** Starts it again on the same socket; resolves once it accepts connections. */
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * CI runs the suite once more under faketime (+400 days); redis-server does not start under
 * libfaketime (its clock_gettime recursion guard gives up), and its clock matters to no test.
 */
function withoutFaketime(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => name !== "LD_PRELOAD" && !name.startsWith("FAKETIME"))) as NodeJS.ProcessEnv;
}

export function redisServerBinary(): string | null {
  const found = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim() : null;
}

export async function startPrivateRedis(name = "redis"): Promise<PrivateRedis> {
  const binary = redisServerBinary();
  if (!binary) throw new Error("redis-server is not installed");
  const dir = path.join(ROOT, "tests/.tmp", `faults-${process.pid}-${name}-${Math.random().toString(36).slice(2, 8)}`);
  mkdirSync(dir, { recursive: true });
  const socket = path.join(dir, "redis.sock");
  let server: ChildProcess | undefined;
  let output = "";

  const start = () =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(binary, ["--port", "0", "--unixsocket", socket, "--unixsocketperm", "700", "--save", "", "--appendonly", "no", "--dir", dir], {
        stdio: ["ignore", "pipe", "pipe"],
        env: withoutFaketime(process.env),
      });
      server = child;
      const onExit = (code: number | null) => reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`));
      child.once("exit", onExit);
      const onOutput = (chunk: Buffer) => {
        output += chunk.toString();
        if (/ready to accept connections/i.test(output)) {
          child.off("exit", onExit);
          child.stdout?.off("data", onOutput);
          resolve();
        }
      };
      child.stdout?.on("data", onOutput);
      child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    });

  const kill = async () => {
    const child = server;
    server = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGKILL");
    await exited;
    output = "";
  };

  // A run that dies leaves no server behind.
  const killOnExit = () => server?.kill("SIGKILL");
  process.once("exit", killOnExit);
  await start();
  return {
    url: `redis://localhost/?path=${socket}`,
    kill,
    start,
    async destroy() {
      process.off("exit", killOnExit);
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
