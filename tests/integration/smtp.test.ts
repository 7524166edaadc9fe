// The app's mailer (nodemailer) against the sandbox's SMTP server: what the app sends arrives as
// written, signed in with the URL's credentials, and header injection is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailer, MailError, type Mailer } from "~/mail/mailer.server";
import { startMailSandbox, type MailSandbox } from "../sandbox/mail";

let inbox: MailSandbox;
const mailers: Mailer[] = [];

beforeAll(async () => {
  inbox = await startMailSandbox();
});
afterAll(async () => {
  for (const mailer of mailers) mailer.close();
  await inbox?.close();
});

function mailer(url = inbox.url, from = "Live Shows <hello@live-shows.example>"): Mailer {
  const created = createMailer({ url, clientName: "app.example", from });
  mailers.push(created);
  return created;
}

describe("sending mail over SMTP", () => {
  it("delivers a multipart message with a UTF-8 subject and text that survives dot-stuffing", async () => {
    const text = "Hej Åsa,\n.\n..a line that starts with dots\nhttps://app.example/creator/sign-in?token=abc\n";
    await mailer().send({ to: "asa@example.com", subject: "Välkommen, Åsa", text, html: "<p>Hej</p>" });

    const mail = await inbox.waitForMessage((message) => message.to.includes("asa@example.com"));
    expect(mail).toMatchObject({ from: "hello@live-shows.example", subject: "Välkommen, Åsa", html: "<p>Hej</p>" });
    expect(mail.text.replace(/\r\n/g, "\n")).toBe(text);
    expect(inbox.linkIn(mail, "/creator/sign-in")).toBe("https://app.example/creator/sign-in?token=abc");
  });

  it("signs in with the credentials in the URL", async () => {
    await mailer(inbox.url.replace("smtp://", "smtp://relay-user:secret@")).send({ to: "bo@example.com", subject: "Hi", text: "x", html: "x" });
    const mail = await inbox.waitForMessage((message) => message.to.includes("bo@example.com"));
    expect(mail).toMatchObject({ subject: "Hi", authenticatedAs: "relay-user" });
  });

  it("refuses a recipient or subject that would add headers", async () => {
    await expect(mailer().send({ to: "b@example.com\r\nBcc: c@example.com", subject: "Hi", text: "", html: "" })).rejects.toThrow(MailError);
    await expect(mailer().send({ to: "b@example.com", subject: "Hi\r\nBcc: c@example.com", text: "", html: "" })).rejects.toThrow(/line breaks/);
    expect(inbox.messages.some((message) => message.to.includes("c@example.com"))).toBe(false);
  });

  it("says so, naming the recipient, when nothing listens", async () => {
    await expect(mailer("smtp://127.0.0.1:9").send({ to: "b@example.com", subject: "Hi", text: "", html: "" })).rejects.toThrow(/The email to b@example.com could not be sent/);
  });
});

describe("the sandbox inbox page", () => {
  it("lists what was sent with its links, escaped", async () => {
    await mailer().send({ to: "inbox@example.com", subject: "<b>Welcome</b>", text: "Open https://app.example/creator/sign-in?token=xyz", html: "" });
    await inbox.waitForMessage((message) => message.to.includes("inbox@example.com"));
    const page = await (await fetch(inbox.inboxUrl)).text();
    expect(page).toContain("&lt;b&gt;Welcome&lt;/b&gt;");
    expect(page).toContain('<a href="https://app.example/creator/sign-in?token=xyz">');
  });
});
