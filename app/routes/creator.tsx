import { Outlet, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { AppProvider, Banner, Page } from "@shopify/polaris";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import translations from "@shopify/polaris/locales/en.json";
import type { HeadersFunction, MetaFunction } from "@remix-run/node";
import { PORTAL_FRAMING_HEADERS } from "~/creator-portal/portal-headers.server";

// The creator portal: creators are not Shopify staff, so this is a plain Polaris app on the
// app's own origin, outside the embedded admin. Each page checks the session itself, so the
// sign-in page can live under this layout too.
// No favicon of our own yet: an empty one keeps browsers from asking for /favicon.ico.
export const links = () => [
  { rel: "stylesheet", href: polarisStyles },
  { rel: "icon", href: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Ccircle cx='8' cy='8' r='7' fill='%23d72c0d'/%3E%3C/svg%3E" },
];
export const meta: MetaFunction = () => [{ title: "Creator portal · Live Shows" }, { name: "robots", content: "noindex" }];
// Every portal page inherits this (none sets its own); app/entry.server.tsx keeps Shopify's
// framing headers off the portal so this policy holds with ?shop= too.
export const headers: HeadersFunction = () => PORTAL_FRAMING_HEADERS;

export default function CreatorPortal() {
  return (
    <AppProvider i18n={translations}>
      <Outlet />
    </AppProvider>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? error.status === 404
      ? "This page does not exist."
      : typeof error.data === "string"
        ? error.data
        : (error.data as { error?: string } | null)?.error ?? `The request failed (${error.status}).`
    : "Something went wrong on our side. Reload the page; if it keeps happening, tell the shop you host for.";
  return (
    <AppProvider i18n={translations}>
      <Page title="Creator portal">
        <Banner tone="critical" title="This page could not be shown">
          <p>{message}</p>
          <p>
            <a href="/creator">Back to your portal</a>
          </p>
        </Banner>
      </Page>
    </AppProvider>
  );
}
