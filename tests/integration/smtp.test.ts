import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMailSandbox, type MailSandbox } from "../sandbox/mail";
import { composeMessage } from "~/mail/mailer.server";
import { sendSmtp, SmtpError } from "~/mail/smtp.server";

let inbox: MailSandbox;
beforeAll(async () => {
  inbox = await startMailSandbox();
});
afterAll(async () => {
  await inbox?.close();
});

describe("sending mail over SMTP", () => {
  it("delivers a multipart message with a UTF-8 subject and text that survives dot-stuffing", async () => {
    const text = "Hej Åsa,\n.\n..a line that starts with dots\nhttps://app.example/creator/sign-in?token=abc\n";
    const data = composeMessage("Live Shows <hello@live-shows.example>", { to: "asa@example.com", subject: "Välkommen, Åsa", text, html: "<p>Hej</p>" });
    await sendSmtp({ url: inbox.url, clientName: "app.example" }, { from: "hello@live-shows.example", to: "asa@example.com", data });

    const mail = await inbox.waitForMessage((message) => message.to.includes("asa@example.com"));
    expect(mail).toMatchObject({ from: "hello@live-shows.example", subject: "Välkommen, Åsa", html: "<p>Hej</p>" });
    expect(mail.text.replace(/\r\n/g, "\n")).toBe(text);
    expect(inbox.linkIn(mail, "/creator/sign-in")).toBe("https://app.example/creator/sign-in?token=abc");
  });

  it("authenticates with the credentials in the URL", async () => {
    const data = composeMessage("a@live-shows.example", { to: "bo@example.com", subject: "Hi", text: "x", html: "x" });
    await sendSmtp({ url: inbox.url.replace("smtp://", "smtp://user:secret@"), clientName: "app.example" }, { from: "a@live-shows.example", to: "bo@example.com", data });
    expect((await inbox.waitForMessage((message) => message.to.includes("bo@example.com"))).subject).toBe("Hi");
  });

  it("refuses addresses that would inject SMTP commands", async () => {
    await expect(sendSmtp({ url: inbox.url, clientName: "app.example" }, { from: "a@example.com", to: "b@example.com>\r\nRCPT TO:<c@example.com", data: "" })).rejects.toThrow(SmtpError);
  });

  it("says so when nothing listens", async () => {
    await expect(sendSmtp({ url: "smtp://127.0.0.1:9", clientName: "app.example", timeoutMs: 2000 }, { from: "a@example.com", to: "b@example.com", data: "" })).rejects.toThrow();
  });

  it("refuses a header with a line break", () => {
    expect(() => composeMessage("a@example.com", { to: "b@example.com", subject: "Hi\r\nBcc: c@example.com", text: "", html: "" })).toThrow(/line breaks/);
  });
});

describe("the sandbox inbox page", () => {
  it("lists what was sent with its links, escaped", async () => {
    const data = composeMessage("a@live-shows.example", { to: "inbox@example.com", subject: "<b>Welcome</b>", text: "Open https://app.example/creator/sign-in?token=xyz", html: "" });
    await sendSmtp({ url: inbox.url, clientName: "app.example" }, { from: "a@live-shows.example", to: "inbox@example.com", data });
    await inbox.waitForMessage((message) => message.to.includes("inbox@example.com"));
    const page = await (await fetch(inbox.inboxUrl)).text();
    expect(page).toContain("&lt;b&gt;Welcome&lt;/b&gt;");
    expect(page).toContain('<a href="https://app.example/creator/sign-in?token=xyz">');
  });
});
