// The baseline of the fan-out benchmark: nchan, the pub/sub module for nginx, from Debian's
// libnginx-mod-nchan. nginx runs with its own prefix and config, listening on 127.0.0.1 only,
// one worker (the app under test is one Node process: one core each), file and connection
// limits raised to hold the subscribers.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import { track } from "../lib/processes";
import type { ReservedPort } from "../../support/reserved-port";

export const NCHAN_MODULE = "/usr/lib/nginx/modules/ngx_nchan_module.so";
export const NGINX_BIN = "/usr/sbin/nginx";

export interface NchanServer {
  port: number;
  /** The subscriber path of a channel (EventSource). */
  subscribePath(channel: string): string;
  /** The publisher path of a channel (POST the message body). */
  publishPath(channel: string): string;
  /** nginx's error log, for the report when something goes wrong. */
  errors(): string;
  close(): Promise<void>;
}

export function nchanConfig(prefix: string, port: number, workers = 1): string {
  return `# Written by tests/bench/fanout/nchan.ts for one benchmark run.
load_module ${NCHAN_MODULE};
daemon off;
master_process on;
worker_processes ${workers};
worker_rlimit_nofile 19500;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;

events {
  worker_connections 19000;
  multi_accept on;
}

http {
  access_log off;
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  nchan_max_reserved_memory 64M;

  server {
    listen 127.0.0.1:${port} backlog=4096;

    location ~ ^/sub/([A-Za-z0-9_-]+)$ {
      nchan_subscriber eventsource;
      nchan_channel_id $1;
      nchan_eventsource_event stock;
      nchan_subscriber_first_message newest;
    }

    location ~ ^/pub/([A-Za-z0-9_-]+)$ {
      nchan_publisher;
      nchan_channel_id $1;
      nchan_message_buffer_length 16;
      nchan_message_timeout 5m;
    }
  }
}
`;
}

/**
 * nginx takes over the socket the bench bound (listed in its NGINX variable, the mechanism of its
 * binary upgrade), so no other process can take the port between choosing it and listening.
 */
export async function startNchan(dir: string, socket: ReservedPort, workers = 1): Promise<NchanServer> {
  const { port } = socket;
  const prefix = path.resolve(dir);
  mkdirSync(path.join(prefix, "tmp"), { recursive: true });
  const conf = path.join(prefix, "nginx.conf");
  writeFileSync(conf, nchanConfig(prefix, port, workers));
  writeFileSync(path.join(prefix, "error.log"), "");
  let output = "";
  const child: ChildProcess = track(
    spawn(NGINX_BIN, ["-p", prefix, "-c", conf, "-e", path.join(prefix, "error.log")], {
      env: { ...process.env, NGINX: "3;" },
      stdio: ["ignore", "pipe", "pipe", socket.fd],
    }),
  );
  void socket.release();
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const errors = () => `${output}${readFileSync(path.join(prefix, "error.log"), "utf8")}`;

  const deadline = Date.now() + 10_000;
  while (!(await listening(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`nginx (nchan) did not start on 127.0.0.1:${port}:\n${errors()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port,
    subscribePath: (channel) => `/sub/${channel}`,
    publishPath: (channel) => `/pub/${channel}`,
    errors,
    async close() {
      if (child.exitCode !== null) return;
      // SIGTERM: nginx's fast shutdown; the bench's clients are closed by then anyway.
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
