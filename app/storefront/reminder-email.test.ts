import { describe, expect, it } from "vitest";
import { reminderEmail, reminderLanguage, type ReminderEmailInput } from "./reminder-email";

const input = (overrides: Partial<ReminderEmailInput> = {}): ReminderEmailInput => ({
  to: "astrid@example.se",
  locale: "en",
  shopName: "Fjäll & Fika",
  timeZone: "Europe/Stockholm",
  show: { title: "Winter knits", hostName: "Astrid", startsAt: new Date("2026-12-01T17:00:00Z") },
  link: "https://fjall.example/pages/live",
  ...overrides,
});

describe("the reminder email", () => {
  it("says what starts when in the shop's timezone, who hosts, where to watch and why it came", () => {
    const mail = reminderEmail(input());
    expect(mail.to).toBe("astrid@example.se");
    expect(mail.subject).toBe("Starting soon: Winter knits");
    expect(mail.text).toMatch(/^Winter knits starts on Tuesday, December 1 at 6:00\sPM GMT\+1\. Hosted by Astrid\.\n/);
    expect(mail.text).toContain("Watch live: https://fjall.example/pages/live\n");
    expect(mail.text).toContain("because you asked Fjäll & Fika to remind you about this show");
    expect(mail.html).toContain('<a href="https://fjall.example/pages/live"');
    expect(mail.html).toContain("Fjäll &amp; Fika");
  });

  it("escapes every value in the HTML part and keeps the plain text as typed", () => {
    const mail = reminderEmail(
      input({
        shopName: `<b>"Bold" & Co</b>`,
        show: { title: `<script>alert('x')</script>`, hostName: "Åsa & <Eve>", startsAt: new Date("2026-12-01T17:00:00Z") },
        link: `https://fjall.example/pages/live?a=1&b="2"`,
      }),
    );
    expect(mail.html).not.toMatch(/<script|<b>|<Eve>/);
    expect(mail.html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    expect(mail.html).toContain("Åsa &amp; &lt;Eve&gt;");
    expect(mail.html).toContain("&lt;b&gt;&quot;Bold&quot; &amp; Co&lt;/b&gt;");
    expect(mail.html).toContain('href="https://fjall.example/pages/live?a=1&amp;b=&quot;2&quot;"');
    expect(mail.subject).toBe("Starting soon: <script>alert('x')</script>");
    expect(mail.text).toContain("Hosted by Åsa & <Eve>.");
  });

  it("keeps the subject on one line, and leaves out the host when the show has none", () => {
    const mail = reminderEmail(input({ show: { title: " Winter\r\nknits ", hostName: "  ", startsAt: new Date("2026-12-01T17:00:00Z") } }));
    expect(mail.subject).toBe("Starting soon: Winter knits");
    expect(mail.text).not.toContain("Hosted by");
  });

  it("speaks the storefront's language where the block has translations", () => {
    const swedish = reminderEmail(input({ locale: "sv-SE" }));
    expect(swedish.subject).toBe("Börjar snart: Winter knits");
    expect(swedish.text).toMatch(/^Winter knits börjar tisdag 1 december kl\. 18:00 CET\. Värd: Astrid\.\n/);
    expect(swedish.text).toContain("Se live: https://fjall.example/pages/live");
    expect(swedish.text).toContain("du bad Fjäll & Fika att påminna dig");
    expect(swedish.html).toContain('<html lang="sv">');
    expect(swedish.html).toContain("Eller klistra in länken i webbläsaren:");

    expect(reminderEmail(input({ locale: "de" })).text).toMatch(/^Winter knits beginnt am Dienstag, 1\. Dezember um 18:00 MEZ\./);
    expect(reminderEmail(input({ locale: "fr" })).subject).toBe("Bientôt en direct : Winter knits");
    expect(reminderEmail(input({ locale: "nl" })).subject).toBe("Begint binnenkort: Winter knits");
    // Shopify's storefronts say "nb" and, in some markets, "no" for Norwegian Bokmål.
    expect(reminderEmail(input({ locale: "no" })).subject).toBe("Starter snart: Winter knits");
  });

  it("falls back to English, with English dates, for a language the block does not speak", () => {
    for (const locale of ["pt-BR", "ja", "EN-GB"]) {
      expect(reminderEmail(input({ locale })).subject).toBe("Starting soon: Winter knits");
    }
    expect(reminderLanguage("pt-BR")).toEqual({ language: "en", dateLocale: "en" });
    expect(reminderLanguage("en-GB")).toEqual({ language: "en", dateLocale: "en-GB" });
    expect(reminderEmail(input({ locale: "en-GB" })).text).toContain("Tuesday 1 December at 18:00 CET");
    // A tag the storefront may send but Intl rejects still gets an email, in the language's own dates.
    expect(reminderLanguage("sv-12")).toEqual({ language: "sv", dateLocale: "sv" });
  });
});
