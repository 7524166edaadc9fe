// The creator portal's sessions and defences over real HTTP: a session ends on the server
// (sign-out, "Sign out everywhere", deactivation), so a copied cookie stops working with it; no
// page can frame the portal, with or without ?shop=; "Email me a sign-in link" answers a creator's
// address exactly as anyone else's and sends the link after answering; and bodies that are not
// forms are refused with 400 or 415 before anything is written.
import { randomUUID } from "node:crypto";
import { createServer, connect, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "~/db.server";
import { hashLoginToken } from "~/creators/login-links.server";
import { startMailSandbox, type MailSandbox } from "../sandbox/mail";
import { createPayoutShop, inviteThroughAdmin, signInLinkFor, type PayoutShop } from "../support/creator-payouts";
import { portalClient as newPortalClient, type PortalClient } from "../support/portal-client";
import { startStack, type Stack } from "../support/stack";

/**
 * An SMTP relay in front of the mail sandbox that can hold new connections: a held connection
 * gets no greeting, so the app's mail send waits there until the test releases it.
 */
interface SmtpGate {
  url: string;
  hold(): void;
  release(): void;
  /** Resolves once a connection is being held. */
  connectionHeld(): Promise<void>;
  close(): Promise<void>;
}

async function startSmtpGate(upstreamPort: number): Promise<SmtpGate> {
  let holding = false;
  const held: (() => void)[] = [];
  const waiters: (() => void)[] = [];
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  };
  const server: Server = createServer((client) => {
    track(client);
    const forward = () => {
      const upstream = connect(upstreamPort, "127.0.0.1");
      track(upstream);
      upstream.on("error", () => client.destroy());
      client.on("error", () => upstream.destroy());
      client.pipe(upstream).pipe(client);
    };
    if (!holding) return forward();
    held.push(forward);
    for (const waiter of waiters.splice(0)) waiter();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    hold: () => (holding = true),
    release() {
      holding = false;
      for (const forward of held.splice(0)) forward();
    },
    connectionHeld: () => (held.length > 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let stack: Stack;
let mail: MailSandbox;
let gate: SmtpGate;

beforeAll(async () => {
  mail = await startMailSandbox();
  gate = await startSmtpGate(mail.port);
  stack = await startStack({ env: { MAIL_URL: gate.url, MAIL_FROM: "Live Shows <creators@live-shows.example>" } });
});

afterAll(async () => {
  gate?.release();
  await stack?.close();
  await gate?.close();
  await mail?.close();
});

const portalClient = (): PortalClient => newPortalClient(stack.appUrl);
const tokenOf = (link: string) => new URL(link).searchParams.get("token") ?? "";
/** Addresses of one length, so answers that echo them have one length too. */
const email = (label: string) => `${label.padEnd(8, "x").slice(0, 8)}-${randomUUID().slice(0, 8)}@creators.example`;

async function signIn(link: string): Promise<PortalClient> {
  const portal = portalClient();
  const response = await portal.post("/creator/sign-in", { intent: "use_link", token: tokenOf(link) });
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toBe("/creator");
  return portal;
}

async function signedInCreator(target: PayoutShop, name: string) {
  const address = email(name.toLowerCase());
  const since = Date.now();
  const creator = await inviteThroughAdmin(target, { name, email: address, percent: "10" });
  const portal = await signIn(await signInLinkFor(mail, address, since));
  return { creator, portal, address };
}

/** Another browser holding a copy of this client's cookie. */
function copyOf(portal: PortalClient): PortalClient {
  const copy = portalClient();
  copy.setCookie(portal.cookie);
  return copy;
}

async function expectSignedIn(portal: PortalClient, name: string) {
  const page = await portal.get("/creator");
  expect(page.status).toBe(200);
  expect(await page.text()).toContain(`Hi, ${name}`);
}

async function expectSentToSignIn(portal: PortalClient) {
  const page = await portal.get("/creator");
  expect(page.status).toBe(302);
  expect(page.headers.get("location")).toBe("/creator/sign-in");
}

/** The token inside the signed session cookie (Remix's format: base64 JSON, a dot, the signature). */
function sessionTokenIn(cookie: string): string {
  const value = decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1));
  return JSON.parse(Buffer.from(value.slice(0, value.lastIndexOf(".")), "base64").toString("utf8")) as string;
}

describe("portal sessions end on the server", () => {
  it("signing out ends the session for a copied cookie too, and only the token's hash is stored", async () => {
    const target = await createPayoutShop(stack, "session-sign-out");
    const { creator, portal } = await signedInCreator(target, "Ada");
    const copy = copyOf(portal);
    await expectSignedIn(copy, "Ada");

    const stored = await prisma.creatorSession.findMany({ where: { shop: target.shop, creatorId: creator.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toBe(hashLoginToken(sessionTokenIn(portal.cookie)));
    expect(stored[0]!.tokenHash).not.toContain(sessionTokenIn(portal.cookie));

    const signedOut = await portal.post("/creator/sign-out", {});
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("location")).toBe("/creator/sign-in?signedOut=1");
    expect(signedOut.headers.get("set-cookie")).toMatch(/^__live_shows_creator=[^;]*;.*Max-Age=0/);

    await expectSentToSignIn(copy);
    const action = await copy.post("/creator?index", { intent: "reveal_stream_key", showId: "any" });
    expect(action.status).toBe(302);
    expect(action.headers.get("location")).toBe("/creator/sign-in");
  });

  it("'Sign out everywhere' ends every session of the creator, and nobody else's", async () => {
    const target = await createPayoutShop(stack, "session-everywhere");
    const { portal: laptop, address } = await signedInCreator(target, "Bea");
    const laptopCopy = copyOf(laptop);
    const since = Date.now();
    expect((await portalClient().post("/creator/sign-in", { intent: "email_link", email: address })).status).toBe(200);
    const phone = await signIn(await signInLinkFor(mail, address, since));
    const phoneCopy = copyOf(phone);
    const { portal: colleague } = await signedInCreator(target, "Cal");
    await expectSignedIn(laptop, "Bea");
    await expectSignedIn(phone, "Bea");

    const everywhere = await phone.post("/creator/sign-out/everywhere", {});
    expect(everywhere.status).toBe(302);
    expect(everywhere.headers.get("location")).toBe("/creator/sign-in?signedOut=everywhere");
    expect(await (await phone.get("/creator/sign-in?signedOut=everywhere")).text()).toContain("You are signed out on every device and browser where you used the portal.");

    for (const client of [laptop, laptopCopy, phone, phoneCopy]) await expectSentToSignIn(client);
    await expectSignedIn(colleague, "Cal");
  });

  it("deactivating a creator ends their sessions, which stay ended when they are reactivated", async () => {
    const target = await createPayoutShop(stack, "session-deactivate");
    const { creator, portal } = await signedInCreator(target, "Dee");
    const copy = copyOf(portal);

    expect(await (await target.admin.post(`/app/creators/${creator.id}`, { intent: "deactivate" })).text()).toContain("Deactivated.");
    await expectSentToSignIn(copyOf(copy));
    expect(await (await target.admin.post(`/app/creators/${creator.id}`, { intent: "reactivate" })).text()).toContain("Reactivated.");
    await expectSentToSignIn(portal);
    await expectSentToSignIn(copy);
  });
});

describe("the portal cannot be framed", () => {
  /**
   * The policy as the app sent it. server.ts, in sandbox mode only, adds the sandbox admin's
   * origin to every frame-ancestors it sees; that addition is taken out again here.
   */
  const framingPolicy = (response: Response) => response.headers.get("content-security-policy")?.replace(` ${new URL(stack.shopify.url).origin}`, "");

  it("forbids framing on every portal page, with or without ?shop=, and leaves the embedded admin frameable by Shopify", async () => {
    const target = await createPayoutShop(stack, "portal-frames");
    const { portal } = await signedInCreator(target, "Eve");
    const pages = [
      await portalClient().get("/creator/sign-in"),
      await portalClient().get(`/creator/sign-in?shop=${target.shop}`),
      await portal.get("/creator"),
      await portal.get(`/creator?shop=${target.shop}&host=YWRtaW4uc2hvcGlmeS5jb20vc3RvcmUvc2hvcA`),
      await portal.get(`/creator/statements?shop=${target.shop}`),
    ];
    for (const page of pages) {
      expect(page.status, page.url).toBe(200);
      expect(page.headers.get("content-type")).toContain("text/html");
      expect(framingPolicy(page), page.url).toBe("frame-ancestors 'none'");
      expect(page.headers.get("x-frame-options"), page.url).toBe("DENY");
    }

    const admin = await target.admin.get(`/app/creators?shop=${target.shop}`);
    expect(admin.status).toBe(200);
    expect(framingPolicy(admin)).toContain("https://admin.shopify.com");
    expect(admin.headers.get("x-frame-options")).toBeNull();
  });
});

describe("asking for a sign-in link", () => {
  it("answers a creator's address exactly as an unknown or deactivated one, and sends the link after answering", async () => {
    const target = await createPayoutShop(stack, "link-alike");
    const known = email("known");
    const deactivated = email("gone");
    const unknown = email("nobody");
    const barrier = email("barrier");
    await inviteThroughAdmin(target, { name: "Known", email: known, percent: "10" });
    await inviteThroughAdmin(target, { name: "Barrier", email: barrier, percent: "10" });
    const gone = await inviteThroughAdmin(target, { name: "Gone", email: deactivated, percent: "10" });
    expect((await target.admin.post(`/app/creators/${gone.id}`, { intent: "deactivate" })).status).toBe(200);
    await Promise.all([known, barrier, deactivated].map((address) => mail.waitForMessage((message) => message.to.includes(address))));
    const since = Date.now();

    // While the mail server keeps the app waiting, every answer still arrives: none waits for a
    // send. (An answer that waited would wait for the gate, which opens only after the answers.)
    gate.hold();
    const ask = async (address: string) => {
      const response = await portalClient().post("/creator/sign-in", { intent: "email_link", email: address });
      const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== "date"));
      return { status: response.status, headers, body: (await response.text()).replaceAll(address, "<address>") };
    };
    const answers = { known: await ask(known), unknown: await ask(unknown), deactivated: await ask(deactivated) };
    await gate.connectionHeld();
    gate.release();

    expect(answers.known.status).toBe(200);
    expect(answers.known.body).toContain("If <address> hosts shows for a shop, a sign-in link is on its way.");
    expect(answers.unknown).toEqual(answers.known);
    expect(answers.deactivated).toEqual(answers.known);

    const link = await mail.waitForMessage((message) => message.to.includes(known) && message.receivedAt.getTime() >= since && message.subject.startsWith("Sign in"));
    expect(link.text).toContain("expires in 20 minutes");
    // Requests are worked through in the order they came: once the link asked for after them is
    // here, the unknown and deactivated addresses' requests were handled too, and sent nothing.
    await portalClient().post("/creator/sign-in", { intent: "email_link", email: barrier });
    await mail.waitForMessage((message) => message.to.includes(barrier) && message.receivedAt.getTime() >= since && message.subject.startsWith("Sign in"));
    expect(mail.messages.filter((message) => message.receivedAt.getTime() >= since && (message.to.includes(deactivated) || message.to.includes(unknown)))).toEqual([]);
  });
});

describe("bodies that are not forms", () => {
  const multipart = (boundary: string, fields: Record<string, string>) =>
    Object.entries(fields)
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join("");

  it("/creator/sign-in answers 415 or 400 with a short reason, and writes nothing", async () => {
    const target = await createPayoutShop(stack, "bodies-sign-in");
    const address = email("bodies");
    const since = Date.now();
    const creator = await inviteThroughAdmin(target, { name: "Fay", email: address, percent: "10" });
    const token = tokenOf(await signInLinkFor(mail, address, since));
    const fields = { intent: "use_link", token };

    const cases: { body: BodyInit; contentType: string | null; status: number; reason: string }[] = [
      { body: JSON.stringify(fields), contentType: "application/json", status: 415, reason: "not application/json" },
      { body: '{"intent": "use_link", "token": ', contentType: "application/json", status: 415, reason: "not application/json" },
      { body: new URLSearchParams(fields).toString(), contentType: "text/plain", status: 415, reason: "not text/plain" },
      { body: new TextEncoder().encode(new URLSearchParams(fields).toString()), contentType: null, status: 415, reason: "not a body without a content type" },
      { body: multipart("b0undary", fields) + "--b0undary--\r\n", contentType: "multipart/form-data", status: 400, reason: "the body is not valid multipart/form-data" },
      { body: multipart("b0undary", fields), contentType: "multipart/form-data; boundary=b0undary", status: 400, reason: "the body is not valid multipart/form-data" },
      { body: "--b0undary\r\nContent-Disposition: form-da", contentType: "multipart/form-data; boundary=b0undary", status: 400, reason: "the body is not valid multipart/form-data" },
    ];
    for (const [index, sent] of cases.entries()) {
      const response = await portalClient().send("/creator/sign-in", sent.body, sent.contentType);
      const text = await response.text();
      expect(response.status, `case ${index}`).toBe(sent.status);
      expect(text, `case ${index}`).toContain(sent.reason);
      expect(text, `case ${index}`).not.toMatch(/TypeError|\n\s+at /);
      expect(response.headers.get("set-cookie"), `case ${index}`).toBeNull();
      expect(response.headers.get("x-frame-options"), `case ${index}`).toBe("DENY");
    }
    const malformedEmailLink = await portalClient().send("/creator/sign-in", multipart("b0undary", { intent: "email_link", email: address }), "multipart/form-data; boundary=b0undary");
    expect(malformedEmailLink.status).toBe(400);

    expect(await prisma.creatorLoginToken.findUniqueOrThrow({ where: { tokenHash: hashLoginToken(token) } })).toMatchObject({ usedAt: null });
    expect(await prisma.creatorSession.count({ where: { shop: target.shop, creatorId: creator.id } })).toBe(0);
    expect(stack.app.logs()).not.toContain("/creator/sign-in failed");
    // The same fields as a form, and a well-formed multipart one, still sign in: the token was left unspent above.
    await signIn(`${stack.appUrl}/creator/sign-in?token=${token}`);
  });

  it("the portal's own actions refuse them the same way", async () => {
    const target = await createPayoutShop(stack, "bodies-portal");
    const { portal } = await signedInCreator(target, "Gus");
    const json = await portal.send("/creator?index", JSON.stringify({ intent: "stripe_onboarding" }), "application/json");
    expect(json.status).toBe(415);
    const broken = await portal.send("/creator?index", "--b0undary\r\nContent-Disposition: form-data; name=\"intent\"\r\n\r\nstripe_onb", "multipart/form-data; boundary=b0undary");
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain("the body is not valid multipart/form-data");
    const wellFormed = await portal.send("/creator?index", multipart("b0undary", { intent: "stripe_dashboard" }) + "--b0undary--\r\n", "multipart/form-data; boundary=b0undary");
    expect(wellFormed.status).toBe(200);
    expect(await wellFormed.text()).toContain("Finish setting up payouts with Stripe first");
    expect(await prisma.creator.findFirstOrThrow({ where: { shop: target.shop, name: "Gus" } })).toMatchObject({ stripeAccountId: null });
    expect(stack.app.logs()).not.toMatch(/POST \/creator(\.data)? failed/);
  });
});
