// A port that is ours from the moment it is chosen. Picking a free port, closing it and letting
// a child process bind it later leaves a window in which another process takes it (EADDRINUSE in
// CI). Instead the test binds a listening socket on port 0 and hands the socket itself to the
// child as file descriptor 3, the way systemd's socket activation does (LISTEN_FDS=1).
import { createServer, type Server } from "node:net";

export interface ReservedPort {
  port: number;
  url: string;
  /** The socket's descriptor, for a child's stdio[3]. */
  fd: number;
  /** Closes this process's copy; a child that inherited the socket keeps listening on it. */
  release(): Promise<void>;
}

/** The environment that tells a child (server.ts) to listen on the socket it inherits as fd 3: pass `stdio: [in, out, err, reserved.fd]`. */
export const INHERITED_SOCKET_ENV = { LISTEN_FDS: "1" } as const;

/** Binds `port` (0 for any free one) and keeps it until a child takes the socket over. */
export async function reservePort(port = 0, host = "127.0.0.1"): Promise<ReservedPort> {
  const server: Server = createServer();
  // Until the child takes over, nothing here may accept: a connection accepted by this process
  // would hang. Nothing connects before the child reports that it listens.
  server.on("connection", (socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("reservePort: the socket has no address");
  const fd = (server as unknown as { _handle: { fd: number } })._handle.fd;
  if (!(fd > 2)) throw new Error("reservePort: no file descriptor for the socket (this needs Linux or macOS)");
  let released: Promise<void> | undefined;
  return {
    port: address.port,
    url: `http://${host}:${address.port}`,
    fd,
    release: () => (released ??= new Promise<void>((resolve) => server.close(() => resolve()))),
  };
}
