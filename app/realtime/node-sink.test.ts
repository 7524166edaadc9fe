import { createServer, get, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { eventFrame, SseFrame } from "./frame";
import { NodeSseSink } from "./node-sink";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

/** A server whose every request becomes an SSE sink handed to the test, and a client for it. */
async function connect(maxBacklogBytes: number) {
  const sinks: NodeSseSink[] = [];
  const arrived = new Promise<NodeSseSink>((resolve) => {
    server = createServer((request, response) => {
      response.writeHead(200, { "Content-Type": "text/event-stream" });
      response.flushHeaders();
      const sink = new NodeSseSink(response, maxBacklogBytes);
      sinks.push(sink);
      resolve(sink);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const { port } = server?.address() as AddressInfo;
  const response = await new Promise<IncomingMessage>((resolve) => get(`http://127.0.0.1:${port}/`, resolve));
  return { sink: await arrived, response };
}

describe("NodeSseSink", () => {
  it("writes pre-framed chunks that an HTTP client reads back as the exact event bytes, and ends cleanly", async () => {
    const { sink, response } = await connect(64 * 1024);
    const body: Buffer[] = [];
    response.on("data", (chunk: Buffer) => body.push(chunk));
    const ended = new Promise((resolve) => response.on("end", resolve));
    const frames = [eventFrame({ seq: 1, type: "viewers", data: { count: 1 } }), eventFrame({ seq: 2, type: "viewers", data: { count: 2 } })];
    for (const frame of frames) expect(sink.write(frame)).toBe(true);
    sink.close();
    await ended;
    expect(Buffer.concat(body).toString()).toBe(frames.map((frame) => frame.bytes.toString()).join(""));
  });

  it("drops a client that stops reading once its unsent backlog passes the bound, instead of queueing without end", async () => {
    const bound = 256 * 1024;
    const { sink, response } = await connect(bound);
    response.pause();
    const closed = new Promise<void>((resolve) => sink.onClose(resolve));
    const frame = new SseFrame(Buffer.alloc(64 * 1024, "x"));
    let writes = 0;
    while (sink.write(frame)) {
      writes++;
      // Kernel buffers take the first megabytes; the loop only ends when the sink gives up.
      if (writes > 100_000) throw new Error("The sink never dropped a client that reads nothing");
    }
    await closed;
    expect(sink.write(frame)).toBe(false);
  });
});
