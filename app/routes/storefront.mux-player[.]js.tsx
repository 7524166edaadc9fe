// GET /storefront/mux-player.js: the Mux player bundle the storefront loader fetches on demand.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { playerBundleResponse } from "~/storefront/player-bundle.server";

export const loader = ({ request }: LoaderFunctionArgs) => playerBundleResponse(request);
