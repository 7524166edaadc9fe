// The app's one address across restarts: a TCP forwarder in the test process, as a load balancer
// in front of the app would be. It binds its port once and keeps it for the whole run, so no
// other process can take the address between two app instances; each instance has its own
// reserved port behind it. With no instance behind it, a connection is closed at once, as a
// balancer with no healthy backend does, and Shopify counts the delivery failed and retries it.
// The control room's browser test (tests/e2e/control-room-live.test.ts) puts two instances behind
// it, and cuts its connections to make the show page reconnect.
import { connect, createServer, type Server, type Socket } from "node:net";

export interface LoadBalancer {
  url: string;
  /** Where new connections go from now on; null refuses them. Open ones stay where they are. */
  route(target: { port: number; host?: string } | null): void;
  /** Cuts every open connection at once, as a network blip does; clients that reconnect go where `route` says. */
  dropConnections(): void;
  /** Connections refused while nothing was behind the balancer. */
  readonly refused: number;
  close(): Promise<void>;
}

export async function startLoadBalancer(host = "127.0.0.1"): Promise<LoadBalancer> {
  let target: { port: number; host: string } | null = null;
  let refused = 0;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    open.add(client);
    client.once("close", () => open.delete(client));
    client.setNoDelay(true);
    if (!target) {
      refused++;
      client.destroy();
      return;
    }
    const upstream = connect({ ...target, noDelay: true });
    open.add(upstream);
    upstream.once("close", () => open.delete(upstream));
    // A reset on either side (the app was killed) ends the other: the sender sees the connection die.
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("The load balancer has no address");
  return {
    url: `http://${host}:${address.port}`,
    route(next) {
      target = next ? { host, ...next } : null;
    },
    dropConnections() {
      for (const socket of open) socket.destroy();
    },
    get refused() {
      return refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
