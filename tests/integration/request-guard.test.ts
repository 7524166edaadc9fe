// The guard every request meets before anything reads its body, and the answers for what no
// route can read: over real HTTP against the built app, with its memory read from /proc.
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { startAppServer, type AppServer } from "../support/app-server";

let app: AppServer;

beforeAll(async () => {
  app = await startAppServer();
});

afterAll(async () => {
  await app?.close();
});

function residentBytes(pid: number): number {
  const kib = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kib) * 1024;
}

/**
 * POSTs a body of `declaredBytes`, written in 64 KiB pieces as fast as the server takes them,
 * until the server answers or closes: what a client sending a huge body sees.
 */
function postHuge(path: string, declaredBytes: number): Promise<number | "closed"> {
  return new Promise((resolve) => {
    const url = new URL(path, app.url);
    const piece = Buffer.alloc(64 * 1024, 0x61);
    let written = 0;
    let settled = false;
    const settle = (outcome: number | "closed") => {
      if (settled) return;
      settled = true;
      resolve(outcome);
      outgoing.destroy();
    };
    const outgoing = httpRequest(url, { method: "POST", headers: { "content-type": "application/json", "content-length": declaredBytes } }, (response) => {
      response.resume();
      settle(response.statusCode ?? 0);
    });
    outgoing.on("error", () => settle("closed"));
    const pump = () => {
      while (!settled && written < declaredBytes) {
        written += piece.length;
        if (!outgoing.write(piece)) return void outgoing.once("drain", pump);
      }
      if (!settled) outgoing.end();
    };
    pump();
  });
}

/** A raw request line and headers, for what fetch refuses to send. */
function rawRequest(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(app.port, "127.0.0.1", () => socket.write(text));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString()));
    socket.on("end", () => resolve(answer));
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
  });
}

describe("the body-size guard", () => {
  it("refuses a webhook past 1 MiB with 413 and a reason, before verifying it, and records nothing", async () => {
    const shop = `huge-${randomUUID().slice(0, 8)}.myshopify.com`;
    const body = JSON.stringify({ id: 1, padding: "x".repeat(1 << 20) });
    const response = await fetch(`${app.url}/webhooks/orders/paid`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "x-shopify-topic": "orders/paid", "x-shopify-shop-domain": shop, "x-shopify-hmac-sha256": "forged" },
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: `The body is ${Buffer.byteLength(body)} bytes; at most 1048576 are accepted here` });
    expect(await prisma.webhookReceipt.count({ where: { shop } })).toBe(0);
  });

  it("refuses a form past 64 KiB, and a body sent without a length", async () => {
    const big = await fetch(`${app.url}/creator/sign-in`, { method: "POST", body: new URLSearchParams({ email: "x".repeat(70_000) }) });
    expect(big.status).toBe(413);
    expect((await big.json()).error).toMatch(/at most 65536/);

    const chunked = await rawRequest("POST /creator/sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    expect(chunked).toMatch(/^HTTP\/1\.1 411 /);
    expect(chunked).toContain("Send the body with a Content-Length");
  });

  it("keeps the app's memory flat under 20 parallel 100 MB posts", { timeout: 120_000 }, async () => {
    // Warm the paths first, so what is measured is the posts' cost and not first-use allocation.
    await fetch(`${app.url}/healthz`);
    await postHuge("/webhooks/orders/paid", 2 << 20);
    const idle = residentBytes(app.pid);
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => postHuge("/webhooks/orders/paid", 100 * 1024 * 1024)));
    const after = residentBytes(app.pid);
    // Every client is answered 413 or, still sending when the answer came, finds the connection
    // closed (which of the two is the kernel's timing; the 413 itself is tested above).
    for (const outcome of outcomes) expect([413, "closed"]).toContain(outcome);
    expect(after - idle, `RSS went from ${idle} to ${after} bytes`).toBeLessThan(50 * 1024 * 1024);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});

describe("what no route can read", () => {
  it("answers a path with broken percent-encoding with a short 400, not a page with a stack trace", async () => {
    const answer = await rawRequest("GET /realtime/shows/%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).not.toMatch(/<html|at [\w.]+ \(|URIError/i);
    const remix = await rawRequest("GET /app/shows/%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    expect(remix).toMatch(/^HTTP\/1\.1 (400|404|410) /);
    expect(remix).not.toMatch(/at [\w.]+ \(|URIError/);
  });
});
