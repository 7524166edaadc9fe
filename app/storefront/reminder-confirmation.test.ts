import { describe, expect, it } from "vitest";
import { futureUtcHour } from "../../tests/support/clock";
import { confirmationEmail, confirmationPage, type ConfirmationEmailInput } from "./reminder-confirmation";
import { reminderTime } from "./reminder-email";

const TIME_ZONE = "Europe/Stockholm";
const STARTS_AT = futureUtcHour(7, 17);
const LINK = "https://fjall.example/apps/live/reminders/confirm?token=rem_1.123.abc";

const input = (overrides: Partial<ConfirmationEmailInput> = {}): ConfirmationEmailInput => ({
  to: "astrid@example.se",
  locale: "en",
  shopName: "Fjäll & Fika",
  timeZone: TIME_ZONE,
  show: { title: "Winter knits", startsAt: STARTS_AT },
  link: LINK,
  ...overrides,
});

describe("the confirmation email", () => {
  it("asks the address's owner to confirm, with the show's time where the shop is, the link, and what happens if it was not them", () => {
    const mail = confirmationEmail(input());
    expect(mail.to).toBe("astrid@example.se");
    expect(mail.subject).toBe("Confirm your reminder: Winter knits");
    expect(mail.text).toContain(`Please confirm that you want Fjäll & Fika to email you before Winter knits starts on ${reminderTime(STARTS_AT, TIME_ZONE, "en")}.`);
    expect(mail.text).toContain(`Confirm reminder: ${LINK}\n`);
    expect(mail.text).toContain("The link works for 24 hours.");
    expect(mail.text).toContain("If it was not you, ignore this email: nothing more will be sent to this address.");
    expect(mail.html).toContain(`href="${LINK}"`);
    expect(mail.html).toContain("Fjäll &amp; Fika");
  });

  it("speaks the language the shopper asked in, with that language's dates, and English otherwise", () => {
    const swedish = confirmationEmail(input({ locale: "sv-SE" }));
    expect(swedish.subject).toBe("Bekräfta din påminnelse: Winter knits");
    expect(swedish.text).toContain(`innan Winter knits börjar ${reminderTime(STARTS_AT, TIME_ZONE, "sv-SE")}.`);
    expect(swedish.html).toContain('lang="sv"');
    expect(confirmationEmail(input({ locale: "de" })).subject).toBe("Bestätige deine Erinnerung: Winter knits");
    expect(confirmationEmail(input({ locale: "fr" })).subject).toBe("Confirmez votre rappel : Winter knits");
    expect(confirmationEmail(input({ locale: "no" })).subject).toBe("Bekreft påminnelsen: Winter knits");
    expect(confirmationEmail(input({ locale: "nl-BE" })).subject).toBe("Bevestig je herinnering: Winter knits");
    expect(confirmationEmail(input({ locale: "ja" })).subject).toBe("Confirm your reminder: Winter knits");
  });

  it("keeps the subject on one line and escapes every value in the HTML part", () => {
    const mail = confirmationEmail(input({ shopName: "<b>Shop</b>", show: { title: "Knits\r\n<script>x</script>", startsAt: STARTS_AT } }));
    expect(mail.subject).toBe("Confirm your reminder: Knits <script>x</script>");
    expect(mail.html).not.toMatch(/<script|<b>/);
    expect(mail.html).toContain("&lt;b&gt;Shop&lt;/b&gt;");
  });
});

describe("the confirmation page", () => {
  it("asks with a button that posts the token, so opening the link confirms nothing", () => {
    const html = confirmationPage({ state: "ask", locale: "sv", title: "Vinterstickat", token: 'rem_1.123."abc' });
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain("Tryck på knappen för att få ett mejl innan Vinterstickat börjar.");
    expect(html).toContain('<form method="post"><input type="hidden" name="token" value="rem_1.123.&quot;abc">');
    expect(html).toContain("<button type=\"submit\">Bekräfta påminnelsen</button>");
  });

  it("says it is done, or that the show is no longer coming, with a way back; and escapes the title", () => {
    const done = confirmationPage({ state: "confirmed", locale: "en", title: "<i>Knits</i>", backUrl: "https://fjall.example/pages/live?a=1&b=2" });
    expect(done).toContain("Thank you. We will email you before &lt;i&gt;Knits&lt;/i&gt; starts.");
    expect(done).toContain('href="https://fjall.example/pages/live?a=1&amp;b=2"');
    expect(confirmationPage({ state: "not_upcoming", locale: "de", title: "Strick", backUrl: "https://fjall.example/" })).toContain("Strick steht nicht mehr bevor");
  });

  it("says plainly when the link has expired or names nothing", () => {
    const html = confirmationPage({ state: "invalid", locale: "fr" });
    expect(html).toContain("Ce lien a expiré ou ne fonctionne plus.");
    expect(html).not.toContain("<form");
  });
});
