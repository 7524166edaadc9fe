import type { LoaderFunctionArgs } from "@remix-run/node";
import { badRequest, notFound } from "~/http/responses.server";
import { requirePortalCreator } from "~/creators/portal-session.server";
import { statementCsvResponse } from "~/creators/statement-response.server";
import { getStatement, statementPeriodInput } from "~/creators/statements.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const creator = await requirePortalCreator(request);
  const month = statementPeriodInput.safeParse(new URL(request.url).searchParams.get("month") || undefined);
  if (!month.success) return badRequest(month.error.issues[0]?.message ?? "Pick a month such as 2026-12");
  const statement = await getStatement(creator.shop, creator.id, month.data);
  if (!statement) return notFound("Your creator account no longer exists.");
  return statementCsvResponse(statement);
};
