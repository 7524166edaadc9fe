// The mail sandbox: an SMTP server on loopback that accepts every message and keeps it, so
// tests and the demo can read what the app sent (invitations, sign-in links) without a real
// mailbox. The app reaches it through its normal MAIL_URL (smtp://127.0.0.1:<port>).
import { createServer as createHttpServer } from "node:http";
import { createServer, type Socket } from "node:net";

export interface CapturedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  raw: string;
  receivedAt: Date;
  /** The user the client signed in as with AUTH PLAIN, if it did. */
  authenticatedAs?: string;
}

export interface MailSandbox {
  url: string;
  port: number;
  /** A page listing what was sent, newest first (for the demo: open the creator's invitation from here). */
  inboxUrl: string;
  messages: CapturedMail[];
  /** Resolves with the first message (already received or future) that matches. */
  waitForMessage(match: (mail: CapturedMail) => boolean, options?: { timeoutMs?: number }): Promise<CapturedMail>;
  /** The first http(s) link in a message's text part. */
  linkIn(mail: CapturedMail, pathPrefix?: string): string;
  close(): Promise<void>;
}

/** Quoted-printable (RFC 2045): soft line breaks joined, =XX bytes read back as UTF-8. */
function decodeQuotedPrintable(text: string, underscoreIsSpace = false): string {
  const joined = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let index = 0; index < joined.length; index++) {
    const char = joined[index] as string;
    if (char === "=" && /^[0-9A-F]{2}$/i.test(joined.slice(index + 1, index + 3))) {
      bytes.push(parseInt(joined.slice(index + 1, index + 3), 16));
      index += 2;
    } else if (underscoreIsSpace && char === "_") {
      bytes.push(0x20);
    } else {
      bytes.push(...Buffer.from(char, "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** RFC 2047 encoded words, B (base64) or Q (quoted-printable), as mailers write non-ASCII headers. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_, kind: string, encoded: string) =>
      kind.toUpperCase() === "B" ? Buffer.from(encoded, "base64").toString("utf8") : decodeQuotedPrintable(encoded, true),
    );
}

function headersOf(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch (encoding?.toLowerCase()) {
    case "base64":
      return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    case "quoted-printable":
      return decodeQuotedPrintable(body);
    default:
      return body;
  }
}

/** Reads the parts the app writes: multipart/alternative with text/plain and text/html, or a single part. */
export function parseMessage(raw: string, envelope: { from: string; to: string[]; authenticatedAs?: string }): CapturedMail {
  const split = raw.indexOf("\r\n\r\n");
  const headers = headersOf(raw.slice(0, split));
  const body = raw.slice(split + 4);
  const parts: { type: string; content: string }[] = [];
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get("content-type") ?? "")?.[1];
  if (boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith("--")) break;
      // The line break before a boundary belongs to the boundary (RFC 2046), not to the part.
      const trimmed = part.replace(/^\r\n/, "").replace(/\r\n$/, "");
      const end = trimmed.indexOf("\r\n\r\n");
      const partHeaders = headersOf(trimmed.slice(0, end));
      parts.push({ type: partHeaders.get("content-type") ?? "text/plain", content: decodeBody(trimmed.slice(end + 4), partHeaders.get("content-transfer-encoding")) });
    }
  } else {
    parts.push({ type: headers.get("content-type") ?? "text/plain", content: decodeBody(body, headers.get("content-transfer-encoding")) });
  }
  return {
    from: envelope.from,
    to: envelope.to,
    subject: decodeHeader(headers.get("subject") ?? ""),
    text: parts.find((part) => part.type.startsWith("text/plain"))?.content ?? "",
    html: parts.find((part) => part.type.startsWith("text/html"))?.content ?? "",
    raw,
    receivedAt: new Date(),
    ...(envelope.authenticatedAs === undefined ? {} : { authenticatedAs: envelope.authenticatedAs }),
  };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function inboxPage(messages: CapturedMail[]): string {
  const items = [...messages]
    .reverse()
    .map((mail) => {
      const text = escapeHtml(mail.text).replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>');
      return `<article><h2>${escapeHtml(mail.subject)}</h2><p>To ${escapeHtml(mail.to.join(", "))} · ${mail.receivedAt.toISOString()}</p><pre>${text}</pre></article>`;
    })
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sandbox inbox</title><style>body{font-family:system-ui,sans-serif;max-width:760px;margin:2rem auto;line-height:1.5}pre{white-space:pre-wrap}article{border-top:1px solid #ccc;padding:1rem 0}</style></head><body><h1>Sandbox inbox</h1><p>Every email the app has sent since the mail sandbox started, newest first; nothing leaves this machine. Its links work: open one to follow it as the recipient would.</p>${items || "<p>No mail yet.</p>"}</body></html>`;
}

export async function startMailSandbox(options: { port?: number; inboxPort?: number } = {}): Promise<MailSandbox> {
  const messages: CapturedMail[] = [];
  const waiters: { match: (mail: CapturedMail) => boolean; resolve: (mail: CapturedMail) => void }[] = [];
  const sockets = new Set<Socket>();

  const receive = (mail: CapturedMail) => {
    messages.push(mail);
    for (const waiter of [...waiters]) {
      if (waiter.match(mail)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(mail);
      }
    }
  };

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    socket.setEncoding("utf8");
    let buffer = "";
    let inData = false;
    let data: string[] = [];
    let envelope = { from: "", to: [] as string[] };
    let authenticatedAs: string | undefined;
    let awaitingCredentials = false;
    // AUTH PLAIN's answer is base64 of "authzid NUL user NUL password".
    const signIn = (credentials: string) => {
      authenticatedAs = Buffer.from(credentials, "base64").toString("utf8").split("\0")[1] ?? "";
      reply("235 2.7.0 Accepted");
    };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 mail.sandbox.invalid ESMTP Live Shows mail sandbox");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            receive(parseMessage(data.map((dataLine) => (dataLine.startsWith("..") ? dataLine.slice(1) : dataLine)).join("\r\n"), { ...envelope, authenticatedAs }));
            data = [];
            envelope = { from: "", to: [] };
            reply("250 2.0.0 Kept in the sandbox inbox");
          } else {
            data.push(line);
          }
          continue;
        }
        if (awaitingCredentials) {
          awaitingCredentials = false;
          signIn(line);
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") {
          socket.write("250-mail.sandbox.invalid\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n");
        } else if (verb === "AUTH") {
          const [, mechanism, initial] = line.split(" ");
          if (mechanism?.toUpperCase() !== "PLAIN") reply("504 5.5.4 Only AUTH PLAIN in the sandbox");
          else if (initial) signIn(initial);
          else {
            awaitingCredentials = true;
            reply("334 ");
          }
        }
        else if (verb === "MAIL") {
          envelope.from = /<([^>]*)>/.exec(line)?.[1] ?? "";
          reply("250 2.1.0 OK");
        } else if (verb === "RCPT") {
          envelope.to.push(/<([^>]*)>/.exec(line)?.[1] ?? "");
          reply("250 2.1.5 OK");
        } else if (verb === "DATA") {
          inData = true;
          reply("354 End data with <CR><LF>.<CR><LF>");
        } else if (verb === "QUIT") {
          reply("221 2.0.0 Bye");
          socket.end();
        } else if (verb === "RSET" || verb === "NOOP") reply("250 OK");
        else reply("502 5.5.2 Not implemented in the sandbox");
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const inbox = createHttpServer((request, response) => {
    if (request.method !== "GET" || (request.url ?? "/").split("?")[0] !== "/") {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not found");
      return;
    }
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(inboxPage(messages));
  });
  await new Promise<void>((resolve) => inbox.listen(options.inboxPort ?? 0, "127.0.0.1", resolve));
  const inboxAddress = inbox.address();
  const inboxPort = typeof inboxAddress === "object" && inboxAddress ? inboxAddress.port : 0;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    inboxUrl: `http://127.0.0.1:${inboxPort}/`,
    messages,
    waitForMessage(match, { timeoutMs = 10_000 } = {}) {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = {
          match,
          resolve: (mail: CapturedMail) => {
            clearTimeout(timer);
            resolve(mail);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`Mail sandbox: no matching message within ${timeoutMs} ms (received: ${messages.map((mail) => `${mail.to.join(",")}: ${mail.subject}`).join("; ") || "none"})`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    linkIn(mail, pathPrefix = "") {
      const link = mail.text.match(/https?:\/\/\S+/g)?.find((candidate) => new URL(candidate).pathname.startsWith(pathPrefix));
      if (!link) throw new Error(`Mail sandbox: no link${pathPrefix ? ` to ${pathPrefix}` : ""} in "${mail.subject}"`);
      return link;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      inbox.closeAllConnections();
      await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), new Promise<void>((resolve) => inbox.close(() => resolve()))]);
    },
  };
}
