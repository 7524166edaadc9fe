import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { authenticate } from "~/shopify.server";
import { readForm } from "~/http/form-body.server";
import { badRequest } from "~/http/responses.server";
import { loadPlanPage, planCommand, runPlanCommand } from "~/shows/plan-page.server";
import { PlanPage } from "~/components/PlanPage";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, billing } = await authenticate.admin(request);
  return loadPlanPage(billing, session.shop, new URL(request.url));
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, billing } = await authenticate.admin(request);
  const parsed = planCommand.safeParse(await readForm(request));
  if (!parsed.success) return badRequest(parsed.error.issues.map((issue) => issue.message).join("; "));
  return runPlanCommand(billing, session.shop, parsed.data);
};

export default function PlanRoute() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return <PlanPage page={page} result={result && "ok" in result ? result : undefined} />;
}
