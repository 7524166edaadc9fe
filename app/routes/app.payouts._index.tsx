import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { authenticate } from "~/shopify.server";
import { readForm } from "~/http/form-body.server";
import { getPayoutsPage, payoutsCommand, runPayoutsCommand, type PayoutsCommandResult } from "~/payouts/payouts-page.server";
import { PayoutsPage } from "~/components/payouts/PayoutsPage";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return getPayoutsPage(session.shop);
};

export const action = async ({ request }: ActionFunctionArgs): Promise<PayoutsCommandResult> => {
  const { session } = await authenticate.admin(request);
  const parsed = payoutsCommand.safeParse(await readForm(request));
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((issue) => issue.message).join("; ") };
  return runPayoutsCommand(session.shop, parsed.data);
};

export default function PayoutsRoute() {
  const { preview, previewError, awaitingStripe, runs, schedule } = useLoaderData<typeof loader>();
  return <PayoutsPage preview={preview} previewError={previewError} awaitingStripe={awaitingStripe} runs={runs} schedule={schedule} result={useActionData<typeof action>()} />;
}
