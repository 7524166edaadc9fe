import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { badRequest, notFound } from "~/http/responses.server";
import { statementCsvResponse } from "~/creators/statement-response.server";
import { getStatement, statementPeriodInput } from "~/creators/statements.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const month = statementPeriodInput.safeParse(new URL(request.url).searchParams.get("month") || undefined);
  if (!month.success) return badRequest(month.error.issues[0]?.message ?? "Pick a month such as 2026-12");
  const statement = await getStatement(session.shop, params.id ?? "", month.data);
  if (!statement) return notFound("This creator does not exist in your shop.");
  return statementCsvResponse(statement);
};
