// The app's one way to send email, through nodemailer. MAIL_URL says where: an SMTP relay in
// production (smtp:// with STARTTLS when offered, smtps:// for TLS from the start, credentials in
// the URL), the sandbox's capturing SMTP server in tests and the demo. Message bodies hold
// sign-in links, which are secrets: nothing here logs them.
import nodemailer from "nodemailer";
import { env } from "~/env.server";
import { ExplainedError } from "~/lib/explained-error";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export class MailError extends ExplainedError {
  override name = "MailError";
}

export interface MailerSettings {
  url: string;
  /** The name the app gives itself in EHLO: its own host. */
  clientName: string;
  /** "Name <address>" */
  from: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

const TIMEOUT_MS = 15_000;

export function createMailer({ url, clientName, from }: MailerSettings): Mailer {
  // A connection per message, not a pool: a few emails a minute at most, and no idle connection
  // to a relay that may drop it.
  const transporter = nodemailer.createTransport({ url, name: clientName, connectionTimeout: TIMEOUT_MS, greetingTimeout: TIMEOUT_MS, socketTimeout: TIMEOUT_MS });
  return {
    async send(message) {
      // A line break in a header would let a field add headers or recipients of its own.
      if (/[\r\n]/.test(message.to) || /[\r\n]/.test(message.subject)) throw new MailError("A mail header may not contain line breaks");
      try {
        await transporter.sendMail({ from, to: message.to, subject: message.subject, text: message.text, html: message.html });
      } catch (error) {
        throw new MailError(`The email to ${message.to} could not be sent just now; try again in a moment.`, {
          message: `The email to ${message.to} could not be sent: ${(error as Error).message}`,
          cause: error,
        });
      }
    },
    close: () => transporter.close(),
  };
}

let configured: { url: string; mailer: Mailer } | undefined;

/** Sends with the app's configuration (MAIL_URL, MAIL_FROM). */
export async function sendMail(message: MailMessage): Promise<void> {
  const config = env();
  if (!config.MAIL_URL) {
    throw new MailError("This app cannot send email yet, so the message was not sent.", { message: "Email is not set up for this app (MAIL_URL is empty), so the message could not be sent." });
  }
  if (configured?.url !== config.MAIL_URL) {
    configured?.mailer.close();
    configured = { url: config.MAIL_URL, mailer: createMailer({ url: config.MAIL_URL, clientName: new URL(config.SHOPIFY_APP_URL).hostname, from: config.MAIL_FROM }) };
  }
  await configured.mailer.send(message);
}
