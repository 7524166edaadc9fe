import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { authenticate } from "~/shopify.server";
import { getShopSettings } from "~/shops/shops.server";
import { fieldErrors } from "~/http/field-errors";
import { showInput } from "~/shows/show-input";
import { createShow } from "~/shows/shows.server";
import { ShowForm } from "~/components/ShowForm";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { timezone } = await getShopSettings(session.shop);
  return { timezone };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const parsed = showInput.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { errors: fieldErrors(parsed.error) };
  const { showId, streamError } = await createShow(session.shop, parsed.data);
  const notice = streamError ? `?streamError=${encodeURIComponent(streamError)}` : "";
  return redirect(`/app/shows/${showId}${notice}`);
};

export default function NewShowPage() {
  const { timezone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return <ShowForm timezone={timezone} errors={result?.errors ?? {}} />;
}
