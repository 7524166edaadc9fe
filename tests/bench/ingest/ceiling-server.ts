// The ingest benchmark's ceiling, not a competitor: a bare node:http server that checks each
// webhook's HMAC (node:crypto, constant-time compare), parses the JSON and answers 200, with no
// framework, no session and no database. What one Node process and the load generator reach
// on this machine; no design that verifies webhooks in one process can go faster here.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";

const secret = process.env.SHOPIFY_API_SECRET;
if (!secret) throw new Error("ceiling-server: SHOPIFY_API_SECRET is not set");

const server = createServer((incoming, outgoing) => {
  const chunks: Buffer[] = [];
  incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
  incoming.on("end", () => {
    const body = Buffer.concat(chunks);
    const given = Buffer.from(String(incoming.headers["x-shopify-hmac-sha256"] ?? ""), "base64");
    const expected = createHmac("sha256", secret).update(body).digest();
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      outgoing.writeHead(401).end();
      return;
    }
    try {
      JSON.parse(body.toString("utf8"));
    } catch {
      outgoing.writeHead(400).end();
      return;
    }
    outgoing.writeHead(200).end();
  });
});

server.keepAliveTimeout = 65_000;
// The bench binds the port and hands the socket over as fd 3 (tests/support/reserved-port.ts).
server.listen(process.env.LISTEN_FDS === "1" ? { fd: 3 } : { port: Number(process.env.PORT), host: "127.0.0.1" }, () => console.log(`Ceiling webhook server listening on ${process.env.PORT}`));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
