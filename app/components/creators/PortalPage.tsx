import { Form, useActionData, useFetcher, useNavigation } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Button, Card, DataTable, InlineStack, Layout, List, Page, Text, TextField } from "@shopify/polaris";
import type { PortalCommandResult } from "~/creator-portal/portal-commands.server";
import type { PortalOverview } from "~/creator-portal/portal.server";
import { formatMoney } from "~/lib/money";
import { statusLabel, statusTone } from "~/shows/status";
import { formatRate } from "../format";
import { EarningsTable } from "./EarningsTable";
import { SectionCard } from "../SectionCard";

function StripeCard({ stripe }: { stripe: PortalOverview["stripe"] }) {
  const navigation = useNavigation();
  const result = useActionData<PortalCommandResult>();
  const busy = (intent: string) => navigation.formData?.get("intent") === intent;
  const failure = result && !result.ok && result.intent.startsWith("stripe_") ? result.message : null;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Getting paid
          </Text>
          {stripe.payoutsEnabled ? <Badge tone="success">Payouts on</Badge> : <Badge tone="attention">Payouts not set up</Badge>}
        </InlineStack>
        {failure ? <Banner tone="critical">{failure}</Banner> : null}
        {stripe.payoutsEnabled ? (
          <Text as="p">Stripe pays your commissions to your bank. Your Stripe dashboard shows your balance, transfers and bank payouts.</Text>
        ) : !stripe.connected ? (
          <Text as="p">The shop pays your commissions through Stripe. Set up payouts once: Stripe asks for your details and your bank account.</Text>
        ) : (
          <BlockStack gap="200">
            <Text as="p">Stripe needs a little more before it can pay you. Resume where you left off.</Text>
            {stripe.requirementsDue.length > 0 ? (
              <List>
                {stripe.requirementsDue.map((requirement) => (
                  <List.Item key={requirement}>{requirement}</List.Item>
                ))}
              </List>
            ) : null}
          </BlockStack>
        )}
        <InlineStack gap="200">
          {!stripe.payoutsEnabled || !stripe.detailsSubmitted ? (
            <Form method="post">
              <input type="hidden" name="intent" value="stripe_onboarding" />
              <Button submit variant="primary" loading={busy("stripe_onboarding")}>
                {stripe.connected ? "Resume onboarding" : "Set up payouts"}
              </Button>
            </Form>
          ) : null}
          {stripe.detailsSubmitted ? (
            <Form method="post">
              <input type="hidden" name="intent" value="stripe_dashboard" />
              <Button submit loading={busy("stripe_dashboard")}>
                Open Stripe dashboard
              </Button>
            </Form>
          ) : null}
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

function StreamKey({ showId, title }: { showId: string; title: string }) {
  const reveal = useFetcher<PortalCommandResult>();
  const key = reveal.data?.ok && reveal.data.showId === showId ? reveal.data.streamKey : undefined;
  return (
    <BlockStack gap="100">
      <TextField
        label={`Stream key for ${title}`}
        value={key ?? "••••••••••••••••••••"}
        readOnly
        autoComplete="off"
        connectedRight={
          key ? (
            <Button onClick={() => navigator.clipboard?.writeText(key)}>Copy</Button>
          ) : (
            <Button loading={reveal.state !== "idle"} onClick={() => reveal.submit({ intent: "reveal_stream_key", showId }, { method: "post" })}>
              Reveal
            </Button>
          )
        }
      />
      <div role="status">{reveal.data && reveal.data.showId === showId ? <Text as="p" tone={reveal.data.ok ? "subdued" : "critical"}>{reveal.data.message}</Text> : null}</div>
    </BlockStack>
  );
}

function ShowsCard({ overview, dates }: { overview: PortalOverview; dates: Record<string, string> }) {
  return (
    <SectionCard title="Your upcoming shows">
      {overview.shows.length === 0 ? (
        <Text as="p" tone="subdued">
          No upcoming shows. The shop adds you as the host when they plan one.
        </Text>
      ) : (
        <BlockStack gap="400">
          <Text as="p" tone="subdued">
            Stream to {overview.ingestUrl} with the show&apos;s key (in OBS: Settings → Stream → Custom).
          </Text>
          {overview.shows.map((show) => (
            <Box key={show.id} paddingBlockStart="200" borderBlockStartWidth="025" borderColor="border">
              <BlockStack gap="200">
                <InlineStack gap="200" blockAlign="center">
                  <Text as="h3" variant="headingSm">
                    {show.title}
                  </Text>
                  {show.status === "live" ? <Badge tone={statusTone(show.status)}>{statusLabel(show.status)}</Badge> : null}
                  {show.mode === "rehearsal" ? <Badge>Rehearsal: earns nothing</Badge> : null}
                </InlineStack>
                <Text as="p">
                  {dates[`show:${show.id}`]} ({overview.timezone}) · your commission {formatRate(show.commissionBps)}
                </Text>
                {show.hasStream ? <StreamKey showId={show.id} title={show.title} /> : <Text as="p" tone="subdued">The shop has not created this show&apos;s stream yet.</Text>}
                {show.status === "live" ? (
                  <InlineStack>
                    <Button url={`/creator/shows/${show.id}/chat`}>Moderate the chat</Button>
                  </InlineStack>
                ) : null}
              </BlockStack>
            </Box>
          ))}
        </BlockStack>
      )}
    </SectionCard>
  );
}

function PayoutsCard({ overview, dates }: { overview: PortalOverview; dates: Record<string, string> }) {
  const label: Record<string, string> = { pending: "On its way", created: "On its way", paid: "Paid", failed: "Failed, retried next run", reversed: "Reversed" };
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Payouts from {overview.shopName}
        </Text>
        {overview.payouts.length === 0 ? (
          <Text as="p" tone="subdued">
            No payouts yet. Commissions are paid once the shop&apos;s hold period for refunds has passed.
          </Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "numeric", "text"]}
            headings={["Date", "Amount", "Status"]}
            rows={overview.payouts.map((payout) => [dates[`payout:${payout.id}`] ?? "", formatMoney(payout.amountMinor, payout.currency), label[payout.status] ?? payout.status])}
          />
        )}
        {overview.bankPayouts.length > 0 ? (
          <>
            <Text as="h3" variant="headingSm">
              Sent to your bank by Stripe
            </Text>
            <DataTable
              columnContentTypes={["text", "numeric", "text"]}
              headings={["Arrives", "Amount", "Status"]}
              rows={overview.bankPayouts.map((payout) => [
                dates[`bank:${payout.id}`] ?? "—",
                formatMoney(payout.amountMinor, payout.currency),
                payout.failureMessage ? `${payout.status}: ${payout.failureMessage}` : payout.status,
              ])}
            />
          </>
        ) : null}
      </BlockStack>
    </Card>
  );
}

export function PortalPage({ overview, dates, returnedFromStripe }: { overview: PortalOverview; dates: Record<string, string>; returnedFromStripe: boolean }) {
  return (
    <Page title={`Hi, ${overview.creator.name}`} subtitle={`Your creator portal for ${overview.shopName}`} secondaryActions={[{ content: "Statements", url: "/creator/statements" }]}>
      <Layout>
        {returnedFromStripe ? (
          <Layout.Section>
            <div role="status">
              <Banner tone={overview.stripe.payoutsEnabled ? "success" : "info"}>
                <p>{overview.stripe.payoutsEnabled ? "You are set up: Stripe can now pay your commissions." : "Thanks. Stripe is still reviewing or needs more details; this page shows what is missing."}</p>
              </Banner>
            </div>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <BlockStack gap="400">
            <SectionCard title="Your earnings">
              <EarningsTable earnings={overview.earnings} />
              <Text as="p" tone="subdued">
                Commissions wait through the shop&apos;s hold period so refunds can be settled first; a refund after a payout lowers your next one.
              </Text>
            </SectionCard>
            <ShowsCard overview={overview} dates={dates} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <StripeCard stripe={overview.stripe} />
            <PayoutsCard overview={overview} dates={dates} />
            <InlineStack gap="400">
              <Form method="post" action="/creator/sign-out">
                <Button submit variant="plain">
                  Sign out
                </Button>
              </Form>
              <Form method="post" action="/creator/sign-out/everywhere">
                <Button submit variant="plain">
                  Sign out everywhere
                </Button>
              </Form>
            </InlineStack>
            <Text as="p" tone="subdued">
              Sign out everywhere ends the portal on every device and browser you used, such as a shared or lost one.
            </Text>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
