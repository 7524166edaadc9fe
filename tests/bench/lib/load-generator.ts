// The run's side of a load generator that lives in a child process of its own, so that reading
// thousands of sockets never shares a core's event loop with the server under test or with the
// orchestration: one command at a time, each answered within a deadline.
import { fork, type ChildProcess } from "node:child_process";
import type { ConnectCommand, ConnectedReply } from "../fanout/protocol";
import { BENCH_ORIGIN } from "./catalog";
import { track } from "./processes";

interface Message {
  type: string;
}

interface LoadGeneratorOptions {
  /** Structured clone instead of JSON, for replies that carry Infinity or NaN. */
  serialization?: "advanced";
  /** Takes error replies (the command keeps waiting for its answer); without it an error reply fails the command. */
  onError?(message: string): void;
}

export class LoadGenerator<Command extends Message, Reply extends Message> {
  private readonly child: ChildProcess;
  private waiting: ((reply: Reply) => void) | null = null;
  private readonly exited: Promise<void>;

  /** `name` names the generator in errors; `script` is the child's module. */
  constructor(
    private readonly name: string,
    script: string,
    private readonly options: LoadGeneratorOptions = {},
  ) {
    this.child = track(fork(script, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"], serialization: options.serialization }));
    this.exited = new Promise((resolve) => this.child.once("exit", () => resolve()));
    this.child.on("message", (reply: Reply) => {
      if (reply.type === "error" && this.options.onError) return this.options.onError(errorMessage(reply));
      const waiter = this.waiting;
      this.waiting = null;
      waiter?.(reply);
    });
  }

  get pid(): number {
    return this.child.pid as number;
  }

  ask<R extends Reply>(command: Command, timeoutMs: number): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the ${this.name} did not answer ${command.type} within ${timeoutMs} ms`)), timeoutMs);
      this.waiting = (reply) => {
        clearTimeout(timer);
        if (reply.type === "error") reject(new Error(`${this.name}: ${errorMessage(reply)}`));
        else resolve(reply as R);
      };
      this.child.send(command);
    });
  }

  async close() {
    if (this.child.exitCode === null && this.child.connected) this.child.send({ type: "close" });
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 5_000);
    await this.exited;
    clearTimeout(timer);
  }
}

const errorMessage = (reply: Message) => (reply as Message & { message: string }).message;

/** A server whose show stream the viewers open. */
export interface StreamTarget {
  port: number;
  /** Several app instances: the viewers are split evenly across them. */
  ports?: number[];
  streamPath: string;
  readyMarker: string;
  logs(): string;
}

/**
 * Opens `clients` viewers' streams through a generator that holds them (lib/sse-streams.ts): from
 * the bench shop's storefront, 50 to a client address, up to 1,000 connecting at once. Fails when
 * not one opened, with the server's last words.
 */
export async function openViewerStreams(
  generator: { ask(command: ConnectCommand, timeoutMs: number): Promise<Message> },
  server: StreamTarget,
  clients: number,
  label: string,
  log: (line: string) => void,
): Promise<ConnectedReply> {
  const command: ConnectCommand = {
    type: "connect",
    port: server.port,
    ports: server.ports,
    path: server.streamPath,
    headers: { Origin: BENCH_ORIGIN },
    count: clients,
    inFlight: Math.min(1000, clients),
    perAddress: 50,
    readyMarker: server.readyMarker,
    timeoutMs: 180_000,
  };
  const connected = (await generator.ask(command, 200_000)) as ConnectedReply;
  log(
    `  ${label} ×${clients}: ${connected.connected} streams open in ${(connected.elapsedMs / 1000).toFixed(1)} s` +
      (connected.failed ? `, ${connected.failed} failed (${connected.errors.join("; ")})` : ""),
  );
  if (connected.connected === 0) throw new Error(`no stream opened on ${label}:\n${connected.errors.join("\n")}\n${server.logs().slice(-2000)}`);
  return connected;
}
