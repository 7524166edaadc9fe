import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Page } from "@shopify/polaris";
import { badRequest } from "~/http/responses.server";
import { requirePortalCreator } from "~/creators/portal-session.server";
import { getStatement, statementPeriodInput } from "~/creators/statements.server";
import { StatementView } from "~/components/creators/StatementView";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const creator = await requirePortalCreator(request);
  const month = statementPeriodInput.safeParse(new URL(request.url).searchParams.get("month") || undefined);
  if (!month.success) throw badRequest(month.error.issues[0]?.message ?? "Pick a month such as 2026-12");
  const statement = await getStatement(creator.shop, creator.id, month.data);
  if (!statement) throw new Response("Your creator account no longer exists.", { status: 404 });
  return { statement };
};

export default function PortalStatementsRoute() {
  const { statement } = useLoaderData<typeof loader>();
  return (
    <Page title="Statements" subtitle={statement.shopName} backAction={{ content: "Your portal", url: "/creator" }}>
      <StatementView statement={statement} basePath="/creator/statements" csvUrl={`/creator/statements.csv?month=${statement.period.month}`} download="link" />
    </Page>
  );
}
