// The page a merchant sees at a subscription's confirmationUrl: what the app will charge, and
// Approve / Decline. Either answer sends the merchant back to the app's returnUrl with
// `charge_id`, as Shopify does. A returnUrl on admin.shopify.com (an embedded app's page) lands
// in the emulator's admin shell, which stands in for Shopify's admin.
import type { ServerResponse } from "node:http";
import { readForm, sendText, type SandboxRequest } from "../http";
import { APP_HANDLE } from "./admin-shell";
import { CONFIRMATION_PATH, isChargeSignature } from "./admin-api/views/billing";
import type { SandboxAppSubscription } from "./billing";
import { gid, numericIdOf } from "./ids";
import { toDecimalString } from "./money";
import type { ShopifyRouteModule } from "./index";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const registerChargeConfirmation: ShopifyRouteModule = (router, context) => {
  const { state } = context;

  const subscriptionFor = (request: SandboxRequest): SandboxAppSubscription | undefined => {
    const shop = context.shopOf(request);
    const chargeId = request.params.chargeId ?? "";
    const signature = request.url.searchParams.get("signature") ?? "";
    if (!shop || !state.hasShop(shop) || !/^\d+$/.test(chargeId)) return undefined;
    const subscriptionId = gid("AppSubscription", chargeId);
    if (!isChargeSignature(context.apiSecret, state.getShop(shop).domain, subscriptionId, signature)) return undefined;
    return state.billing.find(state.getShop(shop).domain, subscriptionId);
  };
  const notFound = (response: ServerResponse) => sendText(response, 404, page("Charge not found", "<p>This charge does not exist or the link is not valid.</p>"));

  router.add("GET", CONFIRMATION_PATH, (request, response) => {
    const subscription = subscriptionFor(request);
    if (!subscription) return notFound(response);
    sendText(response, 200, confirmationPage(subscription, state.getShop(subscription.shop).name), "text/html; charset=utf-8", { "cache-control": "no-store" });
  });

  router.add("POST", CONFIRMATION_PATH, (request, response) => {
    const subscription = subscriptionFor(request);
    if (!subscription) return notFound(response);
    if (subscription.status !== "PENDING") {
      return sendText(response, 409, page("Already answered", `<p>This charge was already ${escapeHtml(subscription.status.toLowerCase())}.</p>`));
    }
    const decision = readForm(request).get("decision");
    if (decision === "approve") state.billing.approve(subscription.shop, subscription.id);
    else if (decision === "decline") state.billing.decline(subscription.shop, subscription.id);
    else return sendText(response, 400, page("Choose an answer", "<p>Approve or decline the charge.</p>"));
    response.writeHead(302, { location: returnLocation(subscription, context.url) }).end();
  });
};

function returnLocation(subscription: SandboxAppSubscription, emulatorUrl: string): string {
  const target = new URL(subscription.returnUrl);
  target.searchParams.set("charge_id", numericIdOf(subscription.id));
  const embedded = /^\/store\/([^/]+)\/apps\/[^/]+(\/.*)?$/.exec(target.pathname);
  if (target.hostname !== "admin.shopify.com" || !embedded) return target.toString();
  const inShell = new URL(`/admin/apps/${APP_HANDLE}${embedded[2] ?? ""}`, emulatorUrl);
  for (const [name, value] of target.searchParams) inShell.searchParams.append(name, value);
  inShell.searchParams.set("shop", `${embedded[1]}.myshopify.com`);
  return inShell.toString();
}

function confirmationPage(subscription: SandboxAppSubscription, shopName: string): string {
  const money = (minor: number) => `${toDecimalString(minor, subscription.currency)} ${escapeHtml(subscription.currency)}`;
  const lines = subscription.lineItems.map((lineItem) =>
    lineItem.kind === "recurring"
      ? `<li>${money(lineItem.price)} ${lineItem.interval === "ANNUAL" ? "every year" : "every 30 days"}</li>`
      : `<li>Usage charges up to ${money(lineItem.cappedAmount)} every 30 days: ${escapeHtml(lineItem.terms)}</li>`,
  );
  const body = `
<p>${escapeHtml(subscription.name)} asks ${escapeHtml(shopName)} to approve this subscription${subscription.test ? " <strong>(test charge: nothing is billed)</strong>" : ""}.</p>
<ul>${lines.join("")}</ul>
${subscription.trialDays > 0 ? `<p>Free trial: ${subscription.trialDays} days.</p>` : ""}
${
  subscription.status === "PENDING"
    ? `<form method="post"><button name="decision" value="approve">Approve</button> <button name="decision" value="decline">Decline</button></form>`
    : `<p>This charge is ${escapeHtml(subscription.status.toLowerCase())}.</p>`
}`;
  return page(`Approve subscription: ${subscription.name}`, body);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:40rem}button{font:inherit;padding:.5rem 1rem}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}
