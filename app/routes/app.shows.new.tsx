import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { authenticate } from "~/shopify.server";
import { getShopSettings } from "~/shops/shops.server";
import { fieldErrors } from "~/http/field-errors";
import { showInput } from "~/shows/show-input";
import { createShow } from "~/shows/shows.server";
import { checkHost, getHostOptions } from "~/creators/creators.server";
import { ShowForm } from "~/components/ShowForm";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [{ timezone }, hosts] = await Promise.all([getShopSettings(session.shop), getHostOptions(session.shop)]);
  return { timezone, hosts };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const lookupHost = (creatorId: string) => checkHost(session.shop, creatorId);
  const parsed = await showInput(lookupHost).safeParseAsync(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { errors: fieldErrors(parsed.error) };
  const { showId, streamError } = await createShow(session.shop, parsed.data);
  const notice = streamError ? `?streamError=${encodeURIComponent(streamError)}` : "";
  return redirect(`/app/shows/${showId}${notice}`);
};

export default function NewShowPage() {
  const { timezone, hosts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return <ShowForm timezone={timezone} hosts={hosts} errors={result?.errors ?? {}} />;
}
