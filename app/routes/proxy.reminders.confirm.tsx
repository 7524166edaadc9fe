// GET /apps/live/reminders/confirm?token=…: the link in a reminder's confirmation email, which
// asks the shopper to press a button; its POST confirms. A GET never confirms: mail scanners
// open links to check them, and that must not say yes for the address's owner.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authenticateAppProxy, readProxyBody } from "~/storefront/app-proxy.server";
import { confirmationPage } from "~/storefront/reminder-confirmation";
import { answerConfirmation } from "~/storefront/reminder-confirmations.server";

function page(html: string): Response {
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      // The token is in the address: no page this one links to may see it.
      "Referrer-Policy": "no-referrer",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    },
  });
}

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await authenticateAppProxy(request);
  const token = new URL(request.url).searchParams.get("token");
  return page(confirmationPage(await answerConfirmation(shop, token, { confirm: false, acceptLanguage: request.headers.get("accept-language") })));
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await authenticateAppProxy(request);
  const body = (await readProxyBody(request)) ?? {};
  const token = typeof body.token === "string" ? body.token : new URL(request.url).searchParams.get("token");
  return page(confirmationPage(await answerConfirmation(shop, token, { confirm: true, acceptLanguage: request.headers.get("accept-language") })));
};
