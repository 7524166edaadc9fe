import { Form, useNavigation } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, DataTable, EmptyState, InlineStack, Layout, List, Page, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import type { PayoutsCommandResult, PayoutPreview } from "~/payouts/payouts-page.server";
import type { PayoutRunView } from "~/payouts/payouts.server";
import { formatMoney } from "~/lib/money";
import { payoutStatusLabel, payoutStatusTone } from "~/payouts/payout-status";

type RunRow = PayoutRunView & { startedAtLabel: string };

function PreviewCard({ preview, previewError, awaitingStripe }: { preview: PayoutPreview | null; previewError: string | null; awaitingStripe: number }) {
  const running = useNavigation().formData?.get("intent") === "run";
  if (!preview) {
    return (
      <Card>
        <Banner tone="critical" title="Stripe could not be reached">
          <p>{previewError}</p>
        </Banner>
      </Card>
    );
  }
  const short = preview.shortfall.filter((row) => row.shortMinor > 0);
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Next payout run
        </Text>
        <BlockStack gap="100">
          <Text as="h3" variant="headingSm">
            Platform balance on Stripe
          </Text>
          {preview.balance.length === 0 ? (
            <Text as="p">No balance in any currency.</Text>
          ) : (
            <List>
              {preview.balance.map((amount) => (
                <List.Item key={amount.currency}>
                  {`${formatMoney(amount.availableMinor, amount.currency)} available${amount.pendingMinor > 0 ? `, ${formatMoney(amount.pendingMinor, amount.currency)} pending` : ""}`}
                </List.Item>
              ))}
            </List>
          )}
        </BlockStack>
        {short.length > 0 ? (
          <Banner tone="warning" title="Your Stripe balance does not cover every creator">
            <List>
              {short.map((row) => (
                <List.Item key={row.currency}>
                  {`${formatMoney(row.owedMinor, row.currency)} is owed and ${formatMoney(row.availableMinor, row.currency)} is available: add ${formatMoney(row.shortMinor, row.currency)} to pay everyone. Creators that do not fit wait for the next run.`}
                </List.Item>
              ))}
            </List>
          </Banner>
        ) : null}
        {preview.toPay.length === 0 ? (
          <Text as="p">Nobody has matured commissions to pay right now.</Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "numeric"]}
            headings={["Creator", "Would be paid"]}
            rows={preview.toPay.map((row) => [row.creatorName, formatMoney(row.amountMinor, row.currency)])}
          />
        )}
        {preview.waiting.length > 0 ? (
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm">
              Waiting
            </Text>
            <List>
              {preview.waiting.map((row) => (
                <List.Item key={`${row.creatorId}-${row.currency}`}>{`${row.creatorName}, ${formatMoney(row.amountMinor, row.currency)}: ${row.reason}`}</List.Item>
              ))}
            </List>
          </BlockStack>
        ) : null}
        {awaitingStripe > 0 ? (
          <Banner tone="warning">
            <p>{`${awaitingStripe} ${awaitingStripe === 1 ? "payout is" : "payouts are"} waiting for Stripe's answer. Running payouts asks again with the same idempotency key, so nobody is paid twice.`}</p>
          </Banner>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="run" />
          <Button submit variant="primary" loading={running} disabled={preview.toPay.length === 0 && awaitingStripe === 0}>
            Run payouts now
          </Button>
        </Form>
      </BlockStack>
    </Card>
  );
}

function ScheduleCard({ schedule }: { schedule: "manual" | "weekly" }) {
  const [value, setValue] = useState<string>(schedule);
  const saving = useNavigation().formData?.get("intent") === "schedule";
  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="intent" value="schedule" />
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Schedule
          </Text>
          <Select
            label="Pay creators"
            name="schedule"
            options={[
              { label: "When I press “Run payouts now”", value: "manual" },
              { label: "Every week, automatically", value: "weekly" },
            ]}
            value={value}
            onChange={setValue}
          />
          <Button submit loading={saving}>
            Save schedule
          </Button>
        </BlockStack>
      </Form>
    </Card>
  );
}

function RunCard({ run }: { run: RunRow }) {
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h3" variant="headingSm">
            {`Run of ${run.startedAtLabel} (${run.trigger === "scheduled" ? "scheduled" : "from the button"})`}
          </Text>
          {run.status === "finished" ? <Badge tone="success">Finished</Badge> : run.status === "incomplete" ? <Badge tone="attention">Waiting for Stripe</Badge> : <Badge tone="info">Running</Badge>}
        </InlineStack>
        {run.payouts.length > 0 ? (
          <DataTable
            columnContentTypes={["text", "numeric", "text", "text"]}
            headings={["Creator", "Amount", "Status", "Details"]}
            rows={run.payouts.map((payout) => [
              payout.creatorName,
              formatMoney(payout.amountMinor, payout.currency),
              <Badge key={payout.id} tone={payoutStatusTone(payout.status)}>
                {payoutStatusLabel(payout.status)}
              </Badge>,
              [payout.stripeTransferId, payout.amountReversedMinor > 0 ? `${formatMoney(payout.amountReversedMinor, payout.currency)} reversed` : null, payout.problem].filter(Boolean).join(" · ") || "—",
            ])}
          />
        ) : (
          <Text as="p" tone="subdued">
            No transfers in this run.
          </Text>
        )}
        {run.skipped.length > 0 ? (
          <List>
            {run.skipped.map((skip) => (
              <List.Item key={`${skip.creatorId}-${skip.currency}`}>{`Not paid: ${skip.creatorName}, ${formatMoney(skip.amountMinor, skip.currency)}. ${skip.reason}`}</List.Item>
            ))}
          </List>
        ) : null}
      </BlockStack>
    </Card>
  );
}

export function PayoutsPage({
  preview,
  previewError,
  awaitingStripe,
  runs,
  schedule,
  result,
}: {
  preview: PayoutPreview | null;
  previewError: string | null;
  awaitingStripe: number;
  runs: RunRow[];
  schedule: "manual" | "weekly";
  result?: PayoutsCommandResult;
}) {
  return (
    <Page title="Payouts" subtitle="Matured commissions go to creators by Stripe transfer; a refund's clawback lowers the next payout.">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <div role="status" aria-live="polite">
              {result ? (
                <Banner tone={result.ok ? "success" : "warning"}>
                  <p>{result.message}</p>
                </Banner>
              ) : null}
            </div>
            <PreviewCard preview={preview} previewError={previewError} awaitingStripe={awaitingStripe} />
            <Text as="h2" variant="headingMd">
              Past runs
            </Text>
            {runs.length === 0 ? (
              <Card>
                <EmptyState heading="No payouts yet" image="/empty-state.svg">
                  <p>Commissions on sales from a creator&apos;s shows are paid here by Stripe transfer once the hold period has passed.</p>
                </EmptyState>
              </Card>
            ) : (
              runs.map((run) => <RunCard key={run.id} run={run} />)
            )}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <ScheduleCard schedule={schedule} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
