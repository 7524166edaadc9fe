import { DataTable, Text } from "@shopify/polaris";
import type { CurrencyEarnings } from "~/creators/earnings.server";
import { formatMoney } from "~/lib/money";

/** A creator's earnings per currency: what they earned, what was clawed back, and where the rest stands. */
export function EarningsTable({ earnings }: { earnings: CurrencyEarnings[] }) {
  if (earnings.length === 0) {
    return (
      <Text as="p" tone="subdued">
        No earnings yet. Sales from shows they host appear here once the orders are paid.
      </Text>
    );
  }
  return (
    <DataTable
      columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric"]}
      headings={["Currency", "Earned", "Clawed back", "On hold", "Ready to pay", "Being paid", "Paid"]}
      rows={earnings.map((row) => [
        row.currency,
        formatMoney(row.earnedMinor, row.currency),
        formatMoney(row.clawedBackMinor, row.currency),
        formatMoney(row.onHoldMinor, row.currency),
        formatMoney(row.availableMinor, row.currency),
        formatMoney(row.inPaymentMinor, row.currency),
        formatMoney(row.paidMinor, row.currency),
      ])}
    />
  );
}
