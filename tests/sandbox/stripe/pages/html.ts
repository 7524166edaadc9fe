// Shared pieces of the sandbox's own pages (onboarding, Express dashboard): escaping, the page
// frame and money formatting. Plain server-rendered HTML, no script.
import type { ServerResponse } from "node:http";
import { sendText } from "../../http";

export function escapeHtml(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Marks a string as already-escaped HTML inside `html` templates. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Template tag: interpolated values are escaped unless they are SafeHtml (or arrays of it). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  const render = (value: unknown): string =>
    value instanceof SafeHtml ? value.value : Array.isArray(value) ? value.map(render).join("") : escapeHtml(value);
  return new SafeHtml(strings.reduce((out, part, i) => out + part + (i < values.length ? render(values[i]) : ""), ""));
}

const styles = `
  body { font-family: system-ui, sans-serif; margin: 0; color: #1a1a2e; background: #f6f8fa; line-height: 1.5; }
  header { background: #1a1a2e; color: #fff; padding: 0.75rem 1.5rem; }
  header p { margin: 0; font-weight: 600; }
  main { max-width: 40rem; margin: 2rem auto; background: #fff; padding: 1.5rem 2rem; border-radius: 8px; border: 1px solid #d0d7de; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  input[type=text] { display: block; width: 100%; box-sizing: border-box; padding: 0.5rem; font: inherit; border: 1px solid #57606a; border-radius: 4px; }
  .check { display: flex; gap: 0.5rem; align-items: baseline; margin-top: 1rem; }
  .check label { display: inline; margin: 0; font-weight: normal; }
  fieldset { margin-top: 1rem; border: 1px solid #d0d7de; border-radius: 4px; }
  button, .button { display: inline-block; margin-top: 1.5rem; padding: 0.6rem 1.2rem; font: inherit; font-weight: 600; color: #fff; background: #4b45c6; border: 0; border-radius: 4px; text-decoration: none; cursor: pointer; }
  :focus-visible { outline: 3px solid #0a66c2; outline-offset: 2px; }
  .error { color: #b42318; }
  [role=alert] { border: 1px solid #b42318; padding: 0.5rem 1rem; border-radius: 4px; }
  table { border-collapse: collapse; width: 100%; margin-top: 0.5rem; }
  th, td { text-align: left; padding: 0.4rem; border-bottom: 1px solid #d0d7de; }
  .note { color: #57606a; }
`;

export function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${new SafeHtml(styles)}</style>
</head>
<body>
<header><p>Stripe sandbox</p></header>
<main>
${body}
</main>
</body>
</html>
`.value;
}

export function sendPage(response: ServerResponse, status: number, title: string, body: SafeHtml): void {
  sendText(response, status, page(title, body), "text/html; charset=utf-8", { "cache-control": "no-store" });
}

/** Formats an amount in the currency's minor unit (e.g. 1050 usd → $10.50, 500 jpy → ¥500). */
export function formatMoney(minorUnits: number, currency: string): string {
  const format = new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minorUnits / 10 ** digits);
}

export function formatDate(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(0, 10);
}
