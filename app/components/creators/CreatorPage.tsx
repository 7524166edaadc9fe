import { Form, useNavigation } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, FormLayout, InlineStack, Layout, List, Page, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { CreatorCommandResult } from "~/creators/creator-commands.server";
import { bpsToPercent } from "~/creators/commission-rate";
import type { CreatorDetail } from "~/creators/creators.server";
import type { CreatorReport } from "~/analytics/creator-report.server";
import { formatMoney } from "~/lib/money";
import { formatRate } from "../format";
import { CommissionRateField } from "./CommissionRateField";
import { CreatorReportCard } from "./CreatorReportCard";
import { EarningsTable } from "./EarningsTable";
import { TableOrEmpty } from "../TableOrEmpty";
import { SectionCard } from "../SectionCard";

export interface CreatorPageProps {
  creator: CreatorDetail;
  dates: Record<string, string>;
  report: CreatorReport;
  result?: CreatorCommandResult;
}

function useSubmitting(intent: string) {
  return useNavigation().formData?.get("intent") === intent;
}

function ProfileCard({ creator, result }: { creator: CreatorDetail; result?: CreatorCommandResult }) {
  const [name, setName] = useState(creator.name);
  const [avatarUrl, setAvatarUrl] = useState(creator.avatarUrl ?? "");
  const [bio, setBio] = useState(creator.bio);
  const [rate, setRate] = useState(bpsToPercent(creator.commissionBps));
  const errors = result?.intent === "update_profile" ? result.errors : {};
  const saving = useSubmitting("update_profile");
  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="intent" value="update_profile" />
        <FormLayout>
          <Text as="h2" variant="headingMd">
            Profile
          </Text>
          <TextField label="Name" name="name" autoComplete="off" value={name} onChange={setName} error={errors.name} />
          <TextField
            label="Avatar image URL"
            name="avatarUrl"
            type="url"
            autoComplete="off"
            value={avatarUrl}
            onChange={setAvatarUrl}
            error={errors.avatarUrl}
            helpText="An https:// link to a square image; shoppers see it beside the player."
          />
          <TextField label="Short bio" name="bio" autoComplete="off" multiline={3} maxLength={280} showCharacterCount value={bio} onChange={setBio} error={errors.bio} />
          <CommissionRateField
            value={rate}
            onChange={setRate}
            error={errors.commissionPercent}
            helpText="Applies to sales recorded from now on; earnings already recorded keep their rate."
          />
          <Button submit variant="primary" loading={saving}>
            Save profile
          </Button>
        </FormLayout>
      </Form>
    </Card>
  );
}

function StripeCard({ creator, dates }: { creator: CreatorDetail; dates: Record<string, string> }) {
  const { stripe } = creator;
  const refreshing = useSubmitting("refresh_stripe");
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Payouts with Stripe
          </Text>
          {stripe.payoutsEnabled ? <Badge tone="success">Payouts on</Badge> : <Badge tone="attention">Payouts off</Badge>}
        </InlineStack>
        {!stripe.connected ? (
          <Text as="p">{creator.name} has not started Stripe onboarding. They set up payouts from their creator portal; until then their commissions wait.</Text>
        ) : stripe.payoutsEnabled ? (
          <Text as="p">Stripe can pay {creator.name}. Payout runs send their matured commissions by Stripe transfer.</Text>
        ) : (
          <BlockStack gap="200">
            <Text as="p">Stripe has not enabled payouts yet. {creator.name} can resume onboarding from their creator portal.</Text>
            {stripe.requirementsDue.length > 0 ? (
              <>
                <Text as="p">Stripe still needs:</Text>
                <List>
                  {stripe.requirementsDue.map((requirement) => (
                    <List.Item key={requirement}>{requirement}</List.Item>
                  ))}
                </List>
              </>
            ) : null}
          </BlockStack>
        )}
        {stripe.syncedAt ? (
          <Text as="p" tone="subdued">
            Last heard from Stripe: {dates.stripeSyncedAt}
          </Text>
        ) : null}
        {stripe.connected ? (
          <Form method="post">
            <input type="hidden" name="intent" value="refresh_stripe" />
            <Button submit loading={refreshing}>
              Check status with Stripe
            </Button>
          </Form>
        ) : null}
      </BlockStack>
    </Card>
  );
}

function ShowsCard({ creator, dates, result }: { creator: CreatorDetail; dates: Record<string, string>; result?: CreatorCommandResult }) {
  const [showId, setShowId] = useState(creator.assignableShows[0]?.id ?? "");
  const [rate, setRate] = useState("");
  const errors = result?.intent === "assign_show" ? result.errors : {};
  const assigning = useSubmitting("assign_show");
  const rows = creator.shows.map((show) => [
    show.title + (show.mode === "rehearsal" ? " (rehearsal)" : ""),
    dates[`show:${show.id}`] ?? "",
    show.commissionBps === null ? `${formatRate(creator.commissionBps)} (default)` : formatRate(show.commissionBps),
    <Form method="post" key={show.id}>
      <input type="hidden" name="intent" value="unassign_show" />
      <input type="hidden" name="showId" value={show.id} />
      <Button submit variant="plain" accessibilityLabel={`Remove ${creator.name} from ${show.title}`}>
        Remove
      </Button>
    </Form>,
  ]);
  return (
    <SectionCard title="Shows they host">
      <TableOrEmpty
        empty="No shows yet. Give them one below; they earn on its sales while it is live and in replay." columnContentTypes={["text", "text", "text", "text"]} headings={["Show", "Starts", "Commission", ""]} rows={rows}
      />
      {creator.status === "deactivated" ? null : creator.assignableShows.length === 0 ? (
        <Text as="p" tone="subdued">
          Every upcoming show already has a host.
        </Text>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="assign_show" />
          <FormLayout>
            <FormLayout.Group>
              <Select
                label="Show"
                name="showId"
                options={creator.assignableShows.map((show) => ({ label: `${show.title} · ${dates[`assignable:${show.id}`] ?? ""}`, value: show.id }))}
                value={showId}
                onChange={setShowId}
                error={errors.showId}
              />
              <TextField
                label="Commission for this show"
                name="commissionPercent"
                suffix="%"
                inputMode="decimal"
                autoComplete="off"
                placeholder={bpsToPercent(creator.commissionBps)}
                value={rate}
                onChange={setRate}
                error={errors.commissionPercent}
                helpText="Leave empty to use their default rate."
              />
            </FormLayout.Group>
            <Button submit loading={assigning}>
              Make them the host
            </Button>
          </FormLayout>
        </Form>
      )}
    </SectionCard>
  );
}

function AccessCard({ creator, dates }: { creator: CreatorDetail; dates: Record<string, string> }) {
  const [confirming, setConfirming] = useState(false);
  const resending = useSubmitting("resend_invitation");
  return (
    <SectionCard title="Portal access">
      <Text as="p">{creator.lastSignInAt ? `Last signed in ${dates.lastSignInAt}.` : "Has not signed in yet."}</Text>
      {creator.status === "deactivated" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="reactivate" />
          <Button submit>Reactivate</Button>
        </Form>
      ) : (
        <InlineStack gap="200">
          <Form method="post">
            <input type="hidden" name="intent" value="resend_invitation" />
            <Button submit loading={resending}>
              Email a sign-in link
            </Button>
          </Form>
          {confirming ? null : (
            <Button tone="critical" variant="plain" onClick={() => setConfirming(true)}>
              Deactivate
            </Button>
          )}
        </InlineStack>
      )}
      {confirming && creator.status !== "deactivated" ? (
        <Banner tone="warning" title={`Deactivate ${creator.name}?`} onDismiss={() => setConfirming(false)}>
          <BlockStack gap="200">
            <p>They can no longer sign in or be given shows. What they already earned is still paid out.</p>
            <Form method="post">
              <input type="hidden" name="intent" value="deactivate" />
              <Button submit tone="critical">
                Deactivate
              </Button>
            </Form>
          </BlockStack>
        </Banner>
      ) : null}
    </SectionCard>
  );
}

export function CreatorPage({ creator, dates, report, result }: CreatorPageProps) {
  const available = creator.earnings.filter((earnings) => earnings.availableMinor !== 0);
  return (
    <Page
      title={creator.name}
      subtitle={creator.email}
      backAction={{ content: "Creators", url: "/app/creators" }}
      titleMetadata={creator.status === "deactivated" ? <Badge>Deactivated</Badge> : creator.status === "invited" ? <Badge tone="info">Invited</Badge> : <Badge tone="success">Active</Badge>}
      secondaryActions={[{ content: "Statements", url: `/app/creators/${creator.id}/statement` }]}
    >
      <Layout>
        <Layout.Section>
          <div role="status" aria-live="polite">
            {result && result.message ? (
              <Banner tone={result.ok ? "success" : "critical"}>
                <p>{result.message}</p>
              </Banner>
            ) : null}
          </div>
        </Layout.Section>
        <Layout.Section>
          <BlockStack gap="400">
            <SectionCard title="Earnings">
              <EarningsTable earnings={creator.earnings} />
              {available.length > 0 ? (
                <Text as="p" tone="subdued">
                  The next payout run pays {available.map((earnings) => formatMoney(earnings.availableMinor, earnings.currency)).join(" and ")}.
                </Text>
              ) : null}
            </SectionCard>
            <CreatorReportCard creatorId={creator.id} name={creator.name} report={report} />
            <ShowsCard creator={creator} dates={dates} result={result} />
            <ProfileCard creator={creator} result={result} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <StripeCard creator={creator} dates={dates} />
            <AccessCard creator={creator} dates={dates} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
