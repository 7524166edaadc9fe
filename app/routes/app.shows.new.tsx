import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { authenticate } from "~/shopify.server";
import { readForm } from "~/http/form-body.server";
import { getShopSettings } from "~/shops/shops.server";
import { fieldErrors } from "~/http/field-errors";
import { showInput } from "~/shows/show-input";
import { createShow } from "~/shows/shows.server";
import { planShowDeal } from "~/shows/deals.server";
import { checkHost, getHostOptions } from "~/creators/creators.server";
import { ShowForm } from "~/components/ShowForm";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [{ timezone, currency }, hosts] = await Promise.all([getShopSettings(session.shop), getHostOptions(session.shop)]);
  return { timezone, currency, hosts };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const lookupHost = (creatorId: string) => checkHost(session.shop, creatorId);
  const { currency, timezone } = await getShopSettings(session.shop);
  const parsed = await showInput(lookupHost, { currency, timezone }).safeParseAsync(await readForm(request));
  if (!parsed.success) return { errors: fieldErrors(parsed.error) };
  const { showId, streamError } = await createShow(session.shop, parsed.data);
  // The show is saved: whatever happens to its deal, the merchant lands on the show page, where a
  // deal Shopify refused (or could not be asked for) waits with the reason and a retry.
  const planned = parsed.data.deal ? await planShowDeal(admin, session.shop, showId, parsed.data.deal) : null;
  const notices = new URLSearchParams();
  if (streamError) notices.set("streamError", streamError);
  if (planned && !planned.ok && !planned.kept) notices.set("dealError", planned.message);
  return redirect(`/app/shows/${showId}${notices.size ? `?${notices}` : ""}`);
};

export default function NewShowPage() {
  const { timezone, currency, hosts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return <ShowForm timezone={timezone} currency={currency} hosts={hosts} errors={result?.errors ?? {}} />;
}
