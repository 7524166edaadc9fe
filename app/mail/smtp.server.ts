// A small SMTP client (RFC 5321) for the few emails the app sends: connect, EHLO, STARTTLS when
// offered, AUTH PLAIN when the URL carries credentials, one message, QUIT. Enough for any
// provider's SMTP relay; the sandbox runs an SMTP server that captures what is sent.
import { connect as connectTcp, type Socket } from "node:net";
import { connect as connectTls, type TLSSocket } from "node:tls";

export interface SmtpSettings {
  /** smtp://user:password@host:587 (STARTTLS when offered) or smtps://user:password@host:465 (TLS from the start). */
  url: string;
  /** The name this client gives in EHLO. */
  clientName: string;
  timeoutMs?: number;
}

export interface SmtpEnvelope {
  from: string;
  to: string;
  /** The whole message: headers, a blank line, the body; CRLF line ends. */
  data: string;
}

export class SmtpError extends Error {
  override name = "SmtpError";
}

interface Reply {
  code: number;
  lines: string[];
}

/** Reads SMTP replies (possibly multi-line: "250-..." then "250 ...") from a socket. */
class ReplyReader {
  private buffer = "";
  private replyLines: string[] = [];
  private readonly replies: Reply[] = [];
  private waiting: { resolve: (reply: Reply) => void; reject: (error: Error) => void } | null = null;
  private failure: Error | null = null;

  constructor(private socket: Socket | TLSSocket) {
    this.attach(socket);
  }

  attach(socket: Socket | TLSSocket) {
    this.socket = socket;
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => this.onData(chunk));
    socket.on("error", (error) => this.fail(new SmtpError(`The mail server connection failed: ${error.message}`)));
    socket.on("close", () => this.fail(new SmtpError("The mail server closed the connection")));
    socket.on("timeout", () => {
      this.fail(new SmtpError("The mail server did not answer in time"));
      socket.destroy();
    });
  }

  /** Stops reading from the current socket (before STARTTLS hands it to TLS). */
  detach() {
    this.socket.removeAllListeners("data");
    this.socket.removeAllListeners("error");
    this.socket.removeAllListeners("close");
    this.socket.removeAllListeners("timeout");
    // A socket without an error listener would take the process down with a late reset.
    this.socket.on("error", () => {});
  }

  next(): Promise<Reply> {
    const ready = this.replies.shift();
    if (ready) return Promise.resolve(ready);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  private onData(chunk: string) {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf("\r\n")) >= 0) {
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.replyLines.push(line.slice(4));
      if (line.charAt(3) !== "-") {
        this.deliver({ code: Number(line.slice(0, 3)), lines: this.replyLines });
        this.replyLines = [];
      }
    }
  }

  private deliver(reply: Reply) {
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting) waiting.resolve(reply);
    else this.replies.push(reply);
  }

  private fail(error: Error) {
    this.failure ??= error;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(this.failure);
  }
}

function isLoopback(host: string) {
  return host === "localhost" || host === "127.0.0.1" || host === "::1" || host === "[::1]";
}

function open(host: string, port: number, secure: boolean, timeoutMs: number): Promise<Socket | TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = secure ? connectTls({ host, port, servername: host }) : connectTcp({ host, port });
    socket.setTimeout(timeoutMs);
    socket.once(secure ? "secureConnect" : "connect", () => {
      socket.removeListener("error", reject);
      resolve(socket);
    });
    socket.once("error", reject);
  });
}

function upgrade(socket: Socket, host: string): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const secure = connectTls({ socket, servername: host });
    secure.once("secureConnect", () => {
      secure.removeListener("error", reject);
      resolve(secure);
    });
    secure.once("error", reject);
  });
}

/** Sends one message; resolves once the server has accepted it for delivery. */
export async function sendSmtp(settings: SmtpSettings, envelope: SmtpEnvelope): Promise<void> {
  const url = new URL(settings.url);
  const implicitTls = url.protocol === "smtps:";
  if (!implicitTls && url.protocol !== "smtp:") throw new SmtpError(`MAIL_URL must be smtp:// or smtps://, not ${url.protocol}`);
  const host = url.hostname;
  const port = Number(url.port || (implicitTls ? 465 : 587));
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  const timeoutMs = settings.timeoutMs ?? 15_000;
  for (const address of [envelope.from, envelope.to]) {
    if (/[\r\n<>]/.test(address)) throw new SmtpError("An email address may not contain line breaks or angle brackets");
  }

  let socket: Socket | TLSSocket = await open(host, port, implicitTls, timeoutMs);
  let secure = implicitTls;
  const reader = new ReplyReader(socket);
  const expect = async (codes: number[], what: string) => {
    const reply = await reader.next();
    if (!codes.includes(reply.code)) throw new SmtpError(`The mail server refused ${what}: ${reply.code} ${reply.lines.join(" ")}`);
    return reply;
  };
  const command = async (line: string, codes: number[], what: string) => {
    socket.write(`${line}\r\n`);
    return expect(codes, what);
  };

  try {
    await expect([220], "the connection");
    let hello = await command(`EHLO ${settings.clientName}`, [250], "EHLO");
    if (!secure && hello.lines.some((line) => /^STARTTLS\b/i.test(line))) {
      await command("STARTTLS", [220], "STARTTLS");
      reader.detach();
      socket = await upgrade(socket as Socket, host);
      socket.setTimeout(timeoutMs);
      reader.attach(socket);
      secure = true;
      hello = await command(`EHLO ${settings.clientName}`, [250], "EHLO");
    }
    if (user) {
      if (!secure && !isLoopback(host)) throw new SmtpError(`${host} offers no TLS; the app will not send the mail password in clear text`);
      const token = Buffer.from(`\u0000${user}\u0000${password}`).toString("base64");
      await command(`AUTH PLAIN ${token}`, [235], "the credentials in MAIL_URL");
    }
    await command(`MAIL FROM:<${envelope.from}>`, [250], "the sender");
    await command(`RCPT TO:<${envelope.to}>`, [250, 251], "the recipient");
    await command("DATA", [354], "the message");
    // Dot-stuffing: a line that starts with "." gets another, so it cannot end the message early.
    const body = envelope.data.replace(/\r?\n/g, "\r\n").replace(/^\./gm, "..");
    socket.write(`${body}\r\n.\r\n`);
    await expect([250], "the message");
    socket.write("QUIT\r\n");
  } finally {
    reader.detach();
    socket.end();
  }
}
