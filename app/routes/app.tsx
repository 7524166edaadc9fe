import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { authenticate } from "~/shopify.server";
import { env } from "~/env.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  const { SHOPIFY_API_KEY, APP_BRIDGE_URL } = env();
  return { apiKey: SHOPIFY_API_KEY, appBridgeUrl: APP_BRIDGE_URL };
};

export default function EmbeddedApp() {
  const { apiKey, appBridgeUrl } = useLoaderData<typeof loader>();
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} {...(appBridgeUrl ? { __APP_BRIDGE_URL: appBridgeUrl } : {})}>
      <NavMenu>
        <Link to="/app" rel="home">
          Live Shows
        </Link>
        <Link to="/app/shows">Shows</Link>
        <Link to="/app/creators">Creators</Link>
        <Link to="/app/payouts">Payouts</Link>
        <Link to="/app/analytics">Analytics</Link>
        <Link to="/app/settings">Settings</Link>
      </NavMenu>
      {/* The admin draws the navigation around the frame; everything in it is the page's main content. */}
      <main>
        <Outlet />
      </main>
    </AppProvider>
  );
}

// Shopify needs Remix to catch its thrown responses (redirects, re-authentication) and add headers.
// The app's own refusals ({ error } with a 4xx) are shown as their words: Shopify's boundary
// writes a response's data into the page as HTML, which an object is not.
export function ErrorBoundary() {
  const error = useRouteError();
  const reason = isRouteErrorResponse(error) ? (error.data as { error?: unknown } | null)?.error : undefined;
  if (typeof reason === "string") return <p role="alert">{reason}</p>;
  return boundary.error(error);
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
