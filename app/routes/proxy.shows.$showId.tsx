// GET /apps/live/shows/:showId (app proxy → /proxy/shows/:showId): the storefront loader's
// bootstrap for a show, or for the shop's current show with :showId = "current"; a repeat load
// whose copy is still right gets a 304 (If-None-Match). server.ts serves GET ahead of Remix with
// the same reply (bootstrap-node.server.ts); this route answers what reaches Remix (HEAD).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { replyToBootstrap } from "~/storefront/bootstrap-snapshots.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const reply = await replyToBootstrap(params.showId ?? "", new URL(request.url), request.headers.get("if-none-match"));
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
};
