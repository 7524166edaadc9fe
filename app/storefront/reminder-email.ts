// The "Starting soon" email a shopper asked for with "Remind me", in the storefront language they
// asked in. The block speaks en, de, fr, nb, nl and sv (extensions/live-shows/locales); any other
// language gets English, with English dates, so one email never mixes two languages.
import { emailHtml } from "~/mail/html";
import type { MailMessage } from "~/mail/mailer.server";

interface ReminderWords {
  subject: string;
  starts: string;
  host: string;
  /** The block's own "watch_live" button, so the email and the page say the same. */
  watch: string;
  pasteLink: string;
  why: string;
}

const WORDS: Record<string, ReminderWords> = {
  en: {
    subject: "Starting soon: {title}",
    starts: "{title} starts on {time}.",
    host: "Hosted by {host}.",
    watch: "Watch live",
    pasteLink: "Or paste this link into your browser:",
    why: "You are getting this email because you asked {shop} to remind you about this show. It is the only reminder we send for it.",
  },
  de: {
    subject: "Beginnt bald: {title}",
    starts: "{title} beginnt am {time}.",
    host: "Moderiert von {host}.",
    watch: "Live ansehen",
    pasteLink: "Oder füge diesen Link in deinen Browser ein:",
    why: "Du bekommst diese E-Mail, weil du {shop} gebeten hast, dich an diese Show zu erinnern. Es ist die einzige Erinnerung dazu.",
  },
  fr: {
    subject: "Bientôt en direct : {title}",
    starts: "{title} commence le {time}.",
    host: "Présenté par {host}.",
    watch: "Regarder en direct",
    pasteLink: "Ou collez ce lien dans votre navigateur :",
    why: "Vous recevez cet e-mail parce que vous avez demandé à {shop} de vous rappeler ce direct. C’est le seul rappel que nous envoyons.",
  },
  nb: {
    subject: "Starter snart: {title}",
    starts: "{title} starter {time}.",
    host: "Programleder: {host}.",
    watch: "Se direkte",
    pasteLink: "Eller lim inn denne lenken i nettleseren:",
    why: "Du får denne e-posten fordi du ba {shop} om å minne deg på sendingen. Det er den eneste påminnelsen vi sender.",
  },
  nl: {
    subject: "Begint binnenkort: {title}",
    starts: "{title} begint op {time}.",
    host: "Gepresenteerd door {host}.",
    watch: "Kijk live",
    pasteLink: "Of plak deze link in je browser:",
    why: "Je krijgt deze e-mail omdat je {shop} hebt gevraagd je aan deze show te herinneren. Het is de enige herinnering die we sturen.",
  },
  sv: {
    subject: "Börjar snart: {title}",
    starts: "{title} börjar {time}.",
    host: "Värd: {host}.",
    watch: "Se live",
    pasteLink: "Eller klistra in länken i webbläsaren:",
    why: "Du får det här mejlet för att du bad {shop} att påminna dig om sändningen. Det är den enda påminnelsen vi skickar.",
  },
};

/**
 * The language the email is written in, and the locale its date is written with: "sv-SE" is
 * Swedish words with Swedish-in-Sweden dates; "no" is Norwegian Bokmål, as Shopify's storefronts
 * use both; anything unknown is English.
 */
export function reminderLanguage(locale: string): { language: string; dateLocale: string } {
  const tag = locale.trim();
  const base = tag.toLowerCase().split("-")[0] ?? "";
  const language = base === "no" ? "nb" : base;
  if (!(language in WORDS)) return { language: "en", dateLocale: "en" };
  return { language, dateLocale: isDateLocale(tag) ? tag : language };
}

function isDateLocale(tag: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf(tag).length > 0;
  } catch {
    // A tag the reminder form accepts but Intl does not ("en-12").
    return false;
  }
}

/** "Tuesday, December 1 at 6:00 PM GMT+1": the day and time where the shop is, with its zone. */
export function reminderTime(startsAt: Date, timeZone: string, dateLocale: string): string {
  return new Intl.DateTimeFormat(dateLocale, {
    timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(startsAt);
}

export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export interface ReminderEmailInput {
  to: string;
  locale: string;
  shopName: string;
  timeZone: string;
  show: { title: string; hostName: string; startsAt: Date };
  /** The storefront page to watch on. */
  link: string;
}

export function reminderEmail(input: ReminderEmailInput): MailMessage {
  const { language, dateLocale } = reminderLanguage(input.locale);
  const words = WORDS[language] as ReminderWords;
  const { hostName, startsAt } = input.show;
  // A title is one line in the admin's form; a header with a line break would not be sent at all.
  const title = input.show.title.replace(/\s+/g, " ").trim();
  const paragraphs = [
    fill(words.starts, { title, time: reminderTime(startsAt, input.timeZone, dateLocale) }) + (hostName.trim() ? ` ${fill(words.host, { host: hostName.trim() })}` : ""),
  ];
  const why = fill(words.why, { shop: input.shopName });
  return {
    to: input.to,
    subject: fill(words.subject, { title }),
    text: `${paragraphs.join("\n\n")}\n\n${words.watch}: ${input.link}\n\n${why}\n`,
    html: emailHtml({ paragraphs, link: input.link, button: words.watch, pasteLink: words.pasteLink, footer: why, lang: language }),
  };
}
