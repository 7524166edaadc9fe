import { describe, expect, it } from "vitest";
import { futureUtcHour, wallClock } from "../../tests/support/clock";
import { reminderEmail, reminderLanguage, type ReminderEmailInput } from "./reminder-email";

const TIME_ZONE = "Europe/Stockholm";
/** 17:00 UTC a week ahead: the evening of the same day in Stockholm, at 18:00 in winter or 19:00 in summer. */
const STARTS_AT = futureUtcHour(7, 17);

// The start as the shop's wall clock shows it, read by the test itself; the sentences below put
// these parts in each language's order.
const local = wallClock(STARTS_AT, TIME_ZONE);
const day = Number(local.slice(8, 10));
const hour = Number(local.slice(11, 13));
const winter = hour - STARTS_AT.getUTCHours() === 1;
const named = (locale: string, part: "weekday" | "month") => new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, [part]: "long" }).format(STARTS_AT);
/** The email's first line, with the narrow no-break space newer ICU puts before "PM" made a plain one. */
const opening = (text: string) => text.split("\n")[0]!.replace(/\u202f/g, " ");

const input = (overrides: Partial<ReminderEmailInput> = {}): ReminderEmailInput => ({
  to: "astrid@example.se",
  locale: "en",
  shopName: "Fjäll & Fika",
  timeZone: TIME_ZONE,
  show: { title: "Winter knits", hostName: "Astrid", startsAt: STARTS_AT },
  link: "https://fjall.example/pages/live",
  ...overrides,
});

describe("the reminder email", () => {
  it("says what starts when in the shop's timezone, who hosts, where to watch and why it came", () => {
    const mail = reminderEmail(input());
    expect(mail.to).toBe("astrid@example.se");
    expect(mail.subject).toBe("Starting soon: Winter knits");
    const when = `${named("en", "weekday")}, ${named("en", "month")} ${day} at ${hour - 12}:00 PM GMT+${winter ? 1 : 2}`;
    expect(opening(mail.text)).toBe(`Winter knits starts on ${when}. Hosted by Astrid.`);
    expect(mail.text).toContain("Watch live: https://fjall.example/pages/live\n");
    expect(mail.text).toContain("because you asked Fjäll & Fika to remind you about this show");
    expect(mail.html).toContain('<a href="https://fjall.example/pages/live"');
    expect(mail.html).toContain("Fjäll &amp; Fika");
  });

  it("escapes every value in the HTML part and keeps the plain text as typed", () => {
    const mail = reminderEmail(
      input({
        shopName: `<b>"Bold" & Co</b>`,
        show: { title: `<script>alert('x')</script>`, hostName: "Åsa & <Eve>", startsAt: STARTS_AT },
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
    const mail = reminderEmail(input({ show: { title: " Winter\r\nknits ", hostName: "  ", startsAt: STARTS_AT } }));
    expect(mail.subject).toBe("Starting soon: Winter knits");
    expect(mail.text).not.toContain("Hosted by");
  });

  it("speaks the storefront's language where the block has translations", () => {
    const swedish = reminderEmail(input({ locale: "sv-SE" }));
    expect(swedish.subject).toBe("Börjar snart: Winter knits");
    const cet = winter ? "CET" : "CEST";
    expect(opening(swedish.text)).toBe(`Winter knits börjar ${named("sv", "weekday")} ${day} ${named("sv", "month")} kl. ${hour}:00 ${cet}. Värd: Astrid.`);
    expect(swedish.text).toContain("Se live: https://fjall.example/pages/live");
    expect(swedish.text).toContain("du bad Fjäll & Fika att påminna dig");
    expect(swedish.html).toContain('<html lang="sv">');
    expect(swedish.html).toContain("Eller klistra in länken i webbläsaren:");

    const german = `${named("de", "weekday")}, ${day}. ${named("de", "month")} um ${hour}:00 ${winter ? "MEZ" : "MESZ"}`;
    expect(opening(reminderEmail(input({ locale: "de" })).text)).toBe(`Winter knits beginnt am ${german}. Moderiert von Astrid.`);
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
    expect(reminderEmail(input({ locale: "en-GB" })).text).toContain(`${named("en-GB", "weekday")} ${day} ${named("en-GB", "month")} at ${hour}:00 ${winter ? "CET" : "CEST"}`);
    // A tag the storefront may send but Intl rejects still gets an email, in the language's own dates.
    expect(reminderLanguage("sv-12")).toEqual({ language: "sv", dateLocale: "sv" });
  });
});
