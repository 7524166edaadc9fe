// The emails a creator receives: the merchant's invitation and a sign-in link they asked for.
// Every interpolated value is escaped for the HTML part; the link is the only secret.
import type { MailMessage } from "~/mail/mailer.server";

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function layout(paragraphs: string[], link: string, button: string): string {
  return `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a">
${paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join("\n")}
<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 16px;background:#1a1a1a;color:#fff;border-radius:8px;text-decoration:none">${escapeHtml(button)}</a></p>
<p style="color:#616161;font-size:14px">Or paste this link into your browser: ${escapeHtml(link)}</p>
</body></html>`;
}

export function invitationEmail(input: { to: string; creatorName: string; shopName: string; link: string; expiresInHours: number }): MailMessage {
  const paragraphs = [
    `Hi ${input.creatorName},`,
    `${input.shopName} invites you to host live shows and earn a commission on what you sell.`,
    `Open your creator portal to see your shows, your earnings and to set up payouts with Stripe. The link works once and expires in ${input.expiresInHours} hours; you can ask for a new one from the sign-in page.`,
  ];
  return {
    to: input.to,
    subject: `${input.shopName} invites you to host live shows`,
    text: `${paragraphs.join("\n\n")}\n\n${input.link}\n`,
    html: layout(paragraphs, input.link, "Open your creator portal"),
  };
}

export function signInEmail(input: { to: string; creatorName: string; shopName: string; link: string; expiresInMinutes: number }): MailMessage {
  const paragraphs = [
    `Hi ${input.creatorName},`,
    `Here is your link to sign in to your creator portal for ${input.shopName}. It works once and expires in ${input.expiresInMinutes} minutes.`,
    "If you did not ask for it, you can ignore this email.",
  ];
  return {
    to: input.to,
    subject: `Sign in to your creator portal for ${input.shopName}`,
    text: `${paragraphs.join("\n\n")}\n\n${input.link}\n`,
    html: layout(paragraphs, input.link, "Sign in"),
  };
}
