import { Form } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, ButtonGroup, Card, DataTable, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { Statement } from "~/creators/statements.server";
import { formatMoney } from "~/lib/money";
import { payoutStatusLabel, payoutStatusTone } from "~/payouts/payout-status";
import { formatRate } from "../format";
import { FetchDownloadButton } from "../FetchDownloadButton";
import { TableOrEmpty } from "../TableOrEmpty";
import { SectionCard } from "../SectionCard";

export interface StatementViewProps {
  statement: Statement;
  /** The page's own path; the month goes in ?month=. */
  basePath: string;
  csvUrl: string;
  /** "fetch" in the embedded admin, where App Bridge adds the session token to fetch; "link" in the portal, where the cookie does. */
  download: "fetch" | "link";
}

const stateTone: Record<Statement["lines"][number]["state"], "success" | "info" | "attention" | undefined> = {
  paid: "success",
  "in payment": "info",
  available: "attention",
  "on hold": undefined,
};

function CsvButton({ csvUrl, download, fileLabel }: { csvUrl: string; download: "fetch" | "link"; fileLabel: string }) {
  if (download === "link") return <Button url={csvUrl} download>{`Download ${fileLabel} as CSV`}</Button>;
  return <FetchDownloadButton url={csvUrl} fallbackName="statement.csv" label={`Download ${fileLabel} as CSV`} />;
}

export function StatementView({ statement, basePath, csvUrl, download }: StatementViewProps) {
  const [month, setMonth] = useState(statement.period.month);
  const { lines, payouts, shows, totals } = statement;
  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center" gap="300">
            <Text as="h2" variant="headingLg">
              {statement.period.label}
            </Text>
            <ButtonGroup>
              <Button url={`${basePath}?month=${statement.period.previous}`} accessibilityLabel="Previous month">
                ← Previous
              </Button>
              <Button url={`${basePath}?month=${statement.period.next}`} accessibilityLabel="Next month">
                Next →
              </Button>
            </ButtonGroup>
          </InlineStack>
          <Form method="get" action={basePath}>
            <InlineStack gap="200" blockAlign="end">
              <TextField label="Month" name="month" type="month" autoComplete="off" value={month} onChange={setMonth} />
              <Button submit>Show</Button>
            </InlineStack>
          </Form>
          <Text as="p" tone="subdued">
            Times are in {statement.timezone}. {statement.orders} attributed {statement.orders === 1 ? "order" : "orders"} this month.
          </Text>
          {totals.length === 0 ? null : (
            <DataTable
              columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
              headings={["Currency", "Earnings", "Clawbacks", "Net", "Paid out"]}
              rows={totals.map((total) => [
                total.currency,
                formatMoney(total.earnedMinor, total.currency),
                formatMoney(total.clawedBackMinor, total.currency),
                formatMoney(total.netMinor, total.currency),
                formatMoney(total.paidOutMinor, total.currency),
              ])}
            />
          )}
          <CsvButton csvUrl={csvUrl} download={download} fileLabel={statement.period.label} />
        </BlockStack>
      </Card>

      <SectionCard title="Shows" heading="h3">
        <TableOrEmpty
          empty="No shows and no sales this month."
            columnContentTypes={["text", "text", "numeric", "numeric"]}
            headings={["Show", "Starts", "Orders", "Commission"]}
            rows={shows.map((show) => [
              show.mode === "rehearsal" ? `${show.title} (rehearsal, earns nothing)` : show.title,
              show.startsAt,
              show.orders,
              show.totals.map((total) => formatMoney(total.amountMinor, total.currency)).join(", ") || "—",
            ])}
        />
      </SectionCard>

      <SectionCard title="Earnings and clawbacks" heading="h3">
        <TableOrEmpty
          empty="Nothing was earned or clawed back this month."
            columnContentTypes={["text", "text", "text", "text", "numeric", "numeric", "numeric", "numeric", "text"]}
            headings={["Date", "Type", "Show", "Order", "Units", "Sales", "Rate", "Commission", "Status"]}
            rows={lines.map((line) => [
              line.date,
              line.kind === "earning" ? "Earning" : "Clawback (refund)",
              line.showTitle,
              line.orderNumber,
              line.quantity,
              formatMoney(line.salesAmountMinor, line.currency),
              formatRate(line.rateBps),
              formatMoney(line.amountMinor, line.currency),
              <Badge key={`${line.date}-${line.lineItemNumber}-${line.kind}`} tone={stateTone[line.state]}>
                {line.state === "on hold" ? `On hold until ${line.maturesOn}` : line.state.charAt(0).toUpperCase() + line.state.slice(1)}
              </Badge>,
            ])}
        />
      </SectionCard>

      <SectionCard title="Payouts" heading="h3">
        <TableOrEmpty
          empty="No payouts this month."
            columnContentTypes={["text", "numeric", "text", "text"]}
            headings={["Date", "Amount", "Status", "Stripe transfer"]}
            rows={payouts.map((payout) => [
              payout.date,
              formatMoney(payout.amountMinor, payout.currency),
              <Badge key={`status-${payout.date}-${payout.stripeTransferId ?? payout.amountMinor}`} tone={payoutStatusTone(payout.status)}>
                {payout.amountReversedMinor > 0
                  ? `${payoutStatusLabel(payout.status)} (${formatMoney(payout.amountReversedMinor, payout.currency)} reversed)`
                  : payoutStatusLabel(payout.status)}
              </Badge>,
              payout.stripeTransferId ?? "—",
            ])}
        />
        {payouts.some((payout) => payout.status === "failed") ? (
          <Banner tone="warning">A failed payout&apos;s commissions are owed again and go into the next payout run.</Banner>
        ) : null}
      </SectionCard>
    </BlockStack>
  );
}
