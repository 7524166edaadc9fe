import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { authenticate } from "~/shopify.server";
import { readForm } from "~/http/form-body.server";
import { notFound } from "~/http/responses.server";
import { getShopSettings } from "~/shops/shops.server";
import { creatorPageDates } from "~/creators/dates.server";
import { getCreatorDetail } from "~/creators/creators.server";
import { getCreatorReport } from "~/analytics/creator-report.server";
import { parseCreatorCommand, runCreatorCommand } from "~/creators/creator-commands.server";
import { CreatorPage } from "~/components/creators/CreatorPage";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const creator = await getCreatorDetail(session.shop, params.id ?? "");
  if (!creator) throw notFound("This creator does not exist in your shop.");
  const [{ timezone }, report] = await Promise.all([getShopSettings(session.shop), getCreatorReport(session.shop, creator.id)]);
  if (!report) throw notFound("This creator does not exist in your shop.");
  return { creator, dates: creatorPageDates(creator, timezone), report };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const parsed = parseCreatorCommand(await readForm(request));
  if ("result" in parsed) return parsed.result;
  const result = await runCreatorCommand(session.shop, params.id ?? "", parsed.command);
  if (!result) throw notFound("This creator does not exist in your shop.");
  return result;
};

export default function CreatorRoute() {
  const { creator, dates, report } = useLoaderData<typeof loader>();
  return <CreatorPage creator={creator} dates={dates} report={report} result={useActionData<typeof action>()} />;
}
