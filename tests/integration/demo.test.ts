import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BROWSER_USER_AGENT } from "../support/admin-client";
import { freePort } from "../support/app-server";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("npm run demo", () => {
  it("starts the app and the sandbox, prints URLs that answer, and stops cleanly on Ctrl-C", { timeout: 120_000 }, async () => {
    const [appPort, shopifyPort, muxPort, stripePort, mailPort, inboxPort] = await Promise.all(Array.from({ length: 6 }, () => freePort()));
    const demo = spawn("npm", ["run", "demo"], {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        PORT: String(appPort),
        SANDBOX_SHOPIFY_PORT: String(shopifyPort),
        SANDBOX_MUX_PORT: String(muxPort),
        SANDBOX_STRIPE_PORT: String(stripePort),
        SANDBOX_MAIL_PORT: String(mailPort),
        SANDBOX_MAIL_INBOX_PORT: String(inboxPort),
        // The test run built the app already; the demo reuses that build and the test database.
        DEMO_SKIP_BUILD: "1",
      },
    });
    let output = "";
    demo.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      demo.once("exit", (code, signal) => resolve({ code, signal })),
    );
    await new Promise<void>((resolve, reject) => {
      demo.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Press Ctrl-C to stop.")) resolve();
      });
      void exited.then(({ code }) => reject(new Error(`The demo exited (${code}) before it was ready:\n${output}`)));
    });

    const urls = [...output.matchAll(/(http:\/\/127\.0\.0\.1:\d+\S*)/g)].map((match) => match[1]!);
    expect(urls).toHaveLength(7);
    expect(urls[0]).toBe(`http://127.0.0.1:${shopifyPort}/`);
    for (const url of urls) {
      const response = await fetch(url, { headers: { "user-agent": BROWSER_USER_AGENT } });
      expect(response.status, url).toBe(200);
    }

    // Ctrl-C in a terminal signals the whole process group: npm, the shell and the demo.
    process.kill(-demo.pid!, "SIGINT");
    const { code, signal } = await exited;
    expect(code === 0 || signal === "SIGINT", `exit ${code} ${signal}`).toBe(true);
    expect(output).toContain("Stopped.");
    for (const url of urls) await expect(fetch(url), `${url} still answers`).rejects.toThrow();
  });
});
