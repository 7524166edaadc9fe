import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BROWSER_USER_AGENT } from "../support/admin-client";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("npm run demo", () => {
  it("starts the app and the sandbox, prints URLs that answer, and stops cleanly on Ctrl-C", { timeout: 120_000 }, async () => {
    const demo = spawn("npm", ["run", "demo"], {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        // Port 0 everywhere: each server binds a free port itself and the demo prints it, so no
        // port is chosen here and left for another process to take before the demo binds it.
        PORT: "0",
        SANDBOX_SHOPIFY_PORT: "0",
        SANDBOX_MUX_PORT: "0",
        SANDBOX_STRIPE_PORT: "0",
        SANDBOX_MAIL_PORT: "0",
        SANDBOX_MAIL_INBOX_PORT: "0",
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
    expect(new Set(urls.map((url) => new URL(url).port)).size, "Shopify, Mux, the inbox and the app, each on its own port").toBe(4);
    for (const url of urls) {
      const response = await fetch(url, { headers: { "user-agent": BROWSER_USER_AGENT } });
      expect(response.status, url).toBe(200);
    }
    const [, , , control, inbox] = urls as [string, string, string, string, string];

    // The seeded creators were invited as a merchant invites: each invitation is in the inbox,
    // and its link opens the portal's sign-in for that creator.
    const inboxPage = await (await fetch(inbox)).text();
    for (const [name, email] of [
      ["Astrid Lind", "astrid@example.com"],
      ["Noor Bakker", "noor@example.com"],
    ]) {
      expect(output).toMatch(new RegExp(`${name} <${email}>: invited, "Northwind Outfitters invites you to host live shows" in the inbox`));
      const invitation = [...inboxPage.matchAll(/<article>([\s\S]*?)<\/article>/g)].map((match) => match[1]!).find((article) => article.includes(`To ${email}`));
      expect(invitation, `an invitation to ${email} in the inbox`).toContain("<h2>Northwind Outfitters invites you to host live shows</h2>");
      const link = /<a href="([^"]+)">/.exec(invitation!)?.[1];
      expect(link).toMatch(/\/creator\/sign-in\?token=/);
      const signIn = await fetch(link!, { headers: { "user-agent": BROWSER_USER_AGENT } });
      expect(signIn.status).toBe(200);
      // React marks where text and values meet with empty comments.
      const signInPage = (await signIn.text()).replaceAll("<!-- -->", "");
      expect(signInPage).toContain(`Welcome, ${name}`);
      expect(signInPage).toContain("Sign in to see your shows, earnings and payouts for Northwind Outfitters.");
    }

    // The stock control names each location and shows the online total shoppers see
    // (tests/sandbox/shopify/control.test.ts sets stock through it).
    const controlPage = await (await fetch(control)).text();
    expect(controlPage).toContain("Stockholm Flagship<small>sells online</small>");
    expect(controlPage).toContain("Göteborg Store<small>sells online</small>");
    expect(controlPage).toContain("Borås Warehouse<small>does not sell online</small>");
    expect(controlPage).toContain("Online total<small>what shoppers see</small>");

    // Ctrl-C in a terminal signals the whole process group: npm, the shell and the demo.
    process.kill(-demo.pid!, "SIGINT");
    const { code, signal } = await exited;
    expect(code === 0 || signal === "SIGINT", `exit ${code} ${signal}`).toBe(true);
    expect(output).toContain("Stopped.");
    for (const url of urls) await expect(fetch(url), `${url} still answers`).rejects.toThrow();
  });
});
