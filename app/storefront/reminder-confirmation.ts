// Double opt-in for "Remind me": the one email an address gets before its owner says yes, and
// the page its link opens, in the storefront language the shopper asked in (the block's six:
// en, de, fr, nb, nl, sv; anything else is English, as for the reminder itself).
import { emailHtml, escapeHtml } from "~/mail/html";
import type { MailMessage } from "~/mail/mailer.server";
import { fill, reminderLanguage, reminderTime } from "./reminder-email";

interface ConfirmationWords {
  subject: string;
  ask: string;
  button: string;
  pasteLink: string;
  expires: string;
  why: string;
  pageTitle: string;
  pageAsk: string;
  confirmed: string;
  notUpcoming: string;
  invalid: string;
  back: string;
}

const WORDS: Record<string, ConfirmationWords> = {
  en: {
    subject: "Confirm your reminder: {title}",
    ask: "Please confirm that you want {shop} to email you before {title} starts on {time}.",
    button: "Confirm reminder",
    pasteLink: "Or paste this link into your browser:",
    expires: "The link works for 24 hours.",
    why: "Someone, probably you, asked for this reminder on the online store of {shop}. If it was not you, ignore this email: nothing more will be sent to this address.",
    pageTitle: "Confirm your reminder",
    pageAsk: "Press the button to get an email before {title} starts.",
    confirmed: "Thank you. We will email you before {title} starts.",
    notUpcoming: "{title} is no longer upcoming, so there is nothing to remind you of.",
    invalid: "This link has expired or no longer works. Ask for a reminder again on the show’s page.",
    back: "Back to the shop",
  },
  de: {
    subject: "Bestätige deine Erinnerung: {title}",
    ask: "Bitte bestätige, dass {shop} dir eine E-Mail schicken soll, bevor {title} am {time} beginnt.",
    button: "Erinnerung bestätigen",
    pasteLink: "Oder füge diesen Link in deinen Browser ein:",
    expires: "Der Link ist 24 Stunden lang gültig.",
    why: "Jemand, wahrscheinlich du, hat diese Erinnerung im Onlineshop von {shop} angefordert. Warst du es nicht, ignoriere diese E-Mail: An diese Adresse wird nichts mehr geschickt.",
    pageTitle: "Bestätige deine Erinnerung",
    pageAsk: "Drücke auf den Button, um eine E-Mail zu bekommen, bevor {title} beginnt.",
    confirmed: "Danke. Wir schicken dir eine E-Mail, bevor {title} beginnt.",
    notUpcoming: "{title} steht nicht mehr bevor, deshalb gibt es nichts zu erinnern.",
    invalid: "Dieser Link ist abgelaufen oder funktioniert nicht mehr. Fordere die Erinnerung auf der Seite der Show neu an.",
    back: "Zurück zum Shop",
  },
  fr: {
    subject: "Confirmez votre rappel : {title}",
    ask: "Merci de confirmer que vous souhaitez que {shop} vous envoie un e-mail avant le début de {title}, le {time}.",
    button: "Confirmer le rappel",
    pasteLink: "Ou collez ce lien dans votre navigateur :",
    expires: "Ce lien est valable 24 heures.",
    why: "Quelqu’un, probablement vous, a demandé ce rappel sur la boutique en ligne de {shop}. Si ce n’est pas vous, ignorez cet e-mail : rien d’autre ne sera envoyé à cette adresse.",
    pageTitle: "Confirmez votre rappel",
    pageAsk: "Appuyez sur le bouton pour recevoir un e-mail avant le début de {title}.",
    confirmed: "Merci. Nous vous enverrons un e-mail avant le début de {title}.",
    notUpcoming: "{title} n’est plus à venir : il n’y a rien à vous rappeler.",
    invalid: "Ce lien a expiré ou ne fonctionne plus. Demandez un nouveau rappel sur la page du direct.",
    back: "Retour à la boutique",
  },
  nb: {
    subject: "Bekreft påminnelsen: {title}",
    ask: "Bekreft at du vil at {shop} skal sende deg en e-post før {title} starter {time}.",
    button: "Bekreft påminnelsen",
    pasteLink: "Eller lim inn denne lenken i nettleseren:",
    expires: "Lenken virker i 24 timer.",
    why: "Noen, sannsynligvis du, ba om denne påminnelsen i nettbutikken til {shop}. Hvis det ikke var deg, kan du se bort fra denne e-posten: ingenting mer blir sendt til denne adressen.",
    pageTitle: "Bekreft påminnelsen",
    pageAsk: "Trykk på knappen for å få en e-post før {title} starter.",
    confirmed: "Takk. Vi sender deg en e-post før {title} starter.",
    notUpcoming: "{title} er ikke lenger på vei, så det er ingenting å minne deg på.",
    invalid: "Lenken er utløpt eller virker ikke lenger. Be om en ny påminnelse på sendingens side.",
    back: "Tilbake til butikken",
  },
  nl: {
    subject: "Bevestig je herinnering: {title}",
    ask: "Bevestig dat je wilt dat {shop} je een e-mail stuurt voordat {title} begint op {time}.",
    button: "Herinnering bevestigen",
    pasteLink: "Of plak deze link in je browser:",
    expires: "De link werkt 24 uur.",
    why: "Iemand, waarschijnlijk jij, heeft deze herinnering aangevraagd in de webwinkel van {shop}. Was jij het niet, negeer deze e-mail dan: er wordt niets meer naar dit adres gestuurd.",
    pageTitle: "Bevestig je herinnering",
    pageAsk: "Druk op de knop om een e-mail te krijgen voordat {title} begint.",
    confirmed: "Bedankt. We sturen je een e-mail voordat {title} begint.",
    notUpcoming: "{title} staat niet meer gepland, dus er is niets om je aan te herinneren.",
    invalid: "Deze link is verlopen of werkt niet meer. Vraag op de pagina van de show opnieuw een herinnering aan.",
    back: "Terug naar de winkel",
  },
  sv: {
    subject: "Bekräfta din påminnelse: {title}",
    ask: "Bekräfta att du vill att {shop} mejlar dig innan {title} börjar {time}.",
    button: "Bekräfta påminnelsen",
    pasteLink: "Eller klistra in länken i webbläsaren:",
    expires: "Länken fungerar i 24 timmar.",
    why: "Någon, troligen du, bad om den här påminnelsen i webbutiken hos {shop}. Om det inte var du kan du strunta i mejlet: inget mer skickas till den här adressen.",
    pageTitle: "Bekräfta din påminnelse",
    pageAsk: "Tryck på knappen för att få ett mejl innan {title} börjar.",
    confirmed: "Tack. Vi mejlar dig innan {title} börjar.",
    notUpcoming: "{title} är inte längre på gång, så det finns inget att påminna om.",
    invalid: "Länken har gått ut eller fungerar inte längre. Be om en ny påminnelse på sändningens sida.",
    back: "Tillbaka till butiken",
  },
};

function wordsFor(locale: string) {
  const { language, dateLocale } = reminderLanguage(locale);
  return { language, dateLocale, words: WORDS[language] as ConfirmationWords };
}

/** A title is one line in the admin's form; a header with a line break would not be sent at all. */
const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

export interface ConfirmationEmailInput {
  to: string;
  locale: string;
  shopName: string;
  timeZone: string;
  show: { title: string; startsAt: Date };
  /** The signed confirmation link, on the shop's storefront. */
  link: string;
}

export function confirmationEmail(input: ConfirmationEmailInput): MailMessage {
  const { language, dateLocale, words } = wordsFor(input.locale);
  const title = oneLine(input.show.title);
  const ask = fill(words.ask, { shop: input.shopName, title, time: reminderTime(input.show.startsAt, input.timeZone, dateLocale) });
  const why = fill(words.why, { shop: input.shopName });
  return {
    to: input.to,
    subject: fill(words.subject, { title }),
    text: `${ask}\n\n${words.button}: ${input.link}\n\n${words.expires}\n\n${why}\n`,
    html: emailHtml({ paragraphs: [ask], link: input.link, button: words.button, pasteLink: words.pasteLink, footer: `${words.expires} ${why}`, lang: language }),
  };
}

export type ConfirmationPageInput =
  /** The link works: a button that confirms (a POST, so a mail scanner that opens links confirms nothing). */
  | { state: "ask"; locale: string; title: string; token: string }
  | { state: "confirmed" | "not_upcoming"; locale: string; title: string; backUrl: string }
  | { state: "invalid"; locale: string };

/** The page the confirmation link opens, as plain HTML: every value escaped, nothing loaded from elsewhere. */
export function confirmationPage(input: ConfirmationPageInput): string {
  const { language, words } = wordsFor(input.locale);
  const text = (value: string) => escapeHtml(input.state === "invalid" ? value : fill(value, { title: oneLine(input.title) }));
  let body: string;
  switch (input.state) {
    case "ask":
      body = `<p>${text(words.pageAsk)}</p>
<form method="post"><input type="hidden" name="token" value="${escapeHtml(input.token)}"><button type="submit">${escapeHtml(words.button)}</button></form>`;
      break;
    case "confirmed":
    case "not_upcoming":
      body = `<p role="status">${text(input.state === "confirmed" ? words.confirmed : words.notUpcoming)}</p>
<p><a href="${escapeHtml(input.backUrl)}">${escapeHtml(words.back)}</a></p>`;
      break;
    case "invalid":
      body = `<p role="status">${text(words.invalid)}</p>`;
  }
  return `<!doctype html><html lang="${escapeHtml(language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(words.pageTitle)}</title>
<style>body{font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;max-width:36rem;margin:3rem auto;padding:0 1rem}button{font:inherit;padding:10px 16px;background:#1a1a1a;color:#fff;border:0;border-radius:8px;cursor:pointer}</style></head>
<body><main><h1>${escapeHtml(words.pageTitle)}</h1>
${body}
</main></body></html>`;
}
