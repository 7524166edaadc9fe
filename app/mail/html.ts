// The HTML part every email of the app shares: short paragraphs, one button, the link spelled out
// for mail clients that hide buttons. Every interpolated value is escaped here, once.

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

export interface EmailHtml {
  paragraphs: string[];
  link: string;
  button: string;
  /** The words before the link spelled out, in the email's language. */
  pasteLink?: string;
  /** Small print under the link: why the reader got the email. */
  footer?: string;
  lang?: string;
}

export function emailHtml({ paragraphs, link, button, pasteLink = "Or paste this link into your browser:", footer, lang = "en" }: EmailHtml): string {
  return `<!doctype html><html lang="${escapeHtml(lang)}"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a">
${paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join("\n")}
<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 16px;background:#1a1a1a;color:#fff;border-radius:8px;text-decoration:none">${escapeHtml(button)}</a></p>
<p style="color:#616161;font-size:14px">${escapeHtml(pasteLink)} ${escapeHtml(link)}</p>${footer ? `\n<p style="color:#616161;font-size:12px">${escapeHtml(footer)}</p>` : ""}
</body></html>`;
}
