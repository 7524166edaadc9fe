// The emails a creator receives: the merchant's invitation and a sign-in link they asked for.
// The link is the only secret.
import { emailHtml } from "~/mail/html";
import type { MailMessage } from "~/mail/mailer.server";

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
    html: emailHtml({ paragraphs, link: input.link, button: "Open your creator portal" }),
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
    html: emailHtml({ paragraphs, link: input.link, button: "Sign in" }),
  };
}
