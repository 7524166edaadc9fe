import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Page } from "@shopify/polaris";
import { authenticate } from "~/shopify.server";
import { badRequest, notFound } from "~/http/responses.server";
import { getStatement, statementPeriodInput } from "~/creators/statements.server";
import { StatementView } from "~/components/creators/StatementView";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const month = statementPeriodInput.safeParse(new URL(request.url).searchParams.get("month") || undefined);
  if (!month.success) throw badRequest(month.error.issues[0]?.message ?? "Pick a month such as 2026-12");
  const statement = await getStatement(session.shop, params.id ?? "", month.data);
  if (!statement) throw notFound("This creator does not exist in your shop.");
  return { statement };
};

export default function CreatorStatementRoute() {
  const { statement } = useLoaderData<typeof loader>();
  const basePath = `/app/creators/${statement.creator.id}/statement`;
  return (
    <Page title={`Statement: ${statement.creator.name}`} backAction={{ content: statement.creator.name, url: `/app/creators/${statement.creator.id}` }}>
      <StatementView statement={statement} basePath={basePath} csvUrl={`${basePath}.csv?month=${statement.period.month}`} download="fetch" />
    </Page>
  );
}
