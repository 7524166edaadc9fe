// The app's one way to send email. MAIL_URL says where (an SMTP relay in production, the
// sandbox's capturing SMTP server in tests and the demo). Message bodies hold sign-in links,
// which are secrets: nothing here logs them.
import { randomUUID } from "node:crypto";
import { env } from "~/env.server";
import { sendSmtp } from "./smtp.server";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export class MailError extends Error {
  override name = "MailError";
}

/** "Name <address>" or a bare address → the address. */
export function addressOf(mailbox: string): string {
  const match = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(mailbox);
  return (match?.[1] ?? mailbox).trim();
}

function encodeHeader(value: string): string {
  if (/[\r\n]/.test(value)) throw new MailError("A mail header may not contain line breaks");
  // RFC 2047: non-ASCII header text travels base64-encoded.
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, "utf8").toString("base64")}?=`;
}

function base64Lines(text: string): string {
  return (Buffer.from(text, "utf8").toString("base64").match(/.{1,76}/g) ?? []).join("\r\n");
}

/** A multipart/alternative message (plain text and HTML), both parts base64 so no line is too long. */
export function composeMessage(from: string, message: MailMessage, now = new Date()): string {
  const boundary = `=_live_shows_${randomUUID()}`;
  const domain = addressOf(from).split("@")[1] ?? "live-shows.invalid";
  return [
    `From: ${encodeHeader(from)}`,
    `To: ${encodeHeader(message.to)}`,
    `Subject: ${encodeHeader(message.subject)}`,
    `Date: ${now.toUTCString()}`,
    `Message-ID: <${randomUUID()}@${domain}>`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    base64Lines(message.text),
    `--${boundary}`,
    "Content-Type: text/html; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    base64Lines(message.html),
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

export async function sendMail(message: MailMessage): Promise<void> {
  const config = env();
  if (!config.MAIL_URL) throw new MailError("Email is not set up for this app (MAIL_URL is empty), so the message could not be sent.");
  if (/[\r\n]/.test(message.to)) throw new MailError("The recipient's address is not valid");
  try {
    await sendSmtp(
      { url: config.MAIL_URL, clientName: new URL(config.SHOPIFY_APP_URL).hostname },
      { from: addressOf(config.MAIL_FROM), to: addressOf(message.to), data: composeMessage(config.MAIL_FROM, message) },
    );
  } catch (error) {
    throw new MailError(`The email to ${message.to} could not be sent: ${(error as Error).message}`, { cause: error });
  }
}
