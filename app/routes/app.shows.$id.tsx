import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { readForm } from "~/http/form-body.server";
import { badRequest, notFound } from "~/http/responses.server";
import { getReplayChapters, getShowDetail } from "~/shows/shows.server";
import { getShowCounters } from "~/analytics/show-counters.server";
import { getLineupStock } from "~/analytics/lineup-stock.server";
import { runShowCommand, showCommand } from "~/shows/show-commands.server";
import { ShowPage } from "~/components/ShowPage";
import { goingLiveNeedsPlan } from "~/billing/billing.server";
import { getHostOptions } from "~/creators/creators.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session, billing } = await authenticate.admin(request);
  const show = await getShowDetail(session.shop, params.id ?? "");
  if (!show) throw notFound("This show does not exist in your shop.");
  // Concurrent: two of these ask Shopify (the plan, the lineup's catalog), and awaited one after
  // another their round trips added up before the page's first byte.
  const [needsPlan, chapters, counters, lineupStock, hosts] = await Promise.all([
    show.planHeld || goingLiveNeedsPlan(billing, show),
    show.replayPlaybackId ? getReplayChapters(session.shop, show.id) : [],
    getShowCounters(session.shop, show.id),
    getLineupStock(session.shop, show.currency, show.products.filter((product) => !product.removed).map((product) => product.productId)),
    getHostOptions(session.shop, show.creatorId),
  ]);
  return { show, needsPlan, chapters, counters, lineupStock, hosts };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const parsed = showCommand.safeParse(await readForm(request));
  if (!parsed.success) return badRequest(parsed.error.issues.map((issue) => issue.message).join("; "));
  return runShowCommand({ shop: session.shop, admin }, z.string().parse(params.id), parsed.data);
};

// The chat card's commands post to /app/shows/:id/chat and change nothing this loader reads; the
// card follows the chat through the show's stream, so reloading the whole page for them would only cost.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction && new URL(formAction, "http://app.invalid").pathname.endsWith("/chat") ? false : defaultShouldRevalidate;

export default function ShowRoute() {
  const { show, hosts, chapters, counters, lineupStock, needsPlan } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  return <ShowPage show={show} hosts={hosts} needsPlan={needsPlan} chapters={chapters} counters={counters} lineupStock={lineupStock} result={result} notice={searchParams.get("streamError") ?? searchParams.get("dealError")} />;
}
