import { Form, useNavigation } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Button, Card, InlineStack, Layout, List, Page, ProgressBar, Text } from "@shopify/polaris";
import { useState, type ReactNode } from "react";
import type { PlanPage as PlanPageData } from "~/billing/billing.server";

interface CommandResult {
  ok: boolean;
  message: string;
}

function Prices({ prices }: { prices: PlanPageData["prices"] }) {
  return (
    <List>
      <List.Item>{`${prices.recurring} every ${prices.periodDays} days`}</List.Item>
      <List.Item>{`${prices.perShow} for each show that goes live in public. Rehearsals are free.`}</List.Item>
      <List.Item>{`At most ${prices.cap} of show charges every ${prices.periodDays} days: past that, shows go live at no extra charge.`}</List.Item>
      {prices.trialDays > 0 ? <List.Item>{`${prices.trialDays}-day free trial`}</List.Item> : null}
    </List>
  );
}

function PlanCard({ badges, children }: { badges: ReactNode; children: ReactNode }) {
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Live Shows plan
          </Text>
          {badges}
        </InlineStack>
        {children}
      </BlockStack>
    </Card>
  );
}

function ChoosePlanCard({ prices }: { prices: PlanPageData["prices"] }) {
  const choosing = useNavigation().formData?.get("intent") === "choose";
  return (
    <PlanCard badges={<Badge>No plan</Badge>}>
      <Text as="p">Going live in front of shoppers needs a plan. You can schedule and rehearse shows without one.</Text>
      <Prices prices={prices} />
      <Form method="post">
        <input type="hidden" name="intent" value="choose" />
        <Button submit variant="primary" loading={choosing}>
          Choose plan
        </Button>
      </Form>
      <Text as="p" tone="subdued" variant="bodySm">
        Shopify asks you to approve the charge, then brings you back here. Charges appear on your Shopify bill.
      </Text>
    </PlanCard>
  );
}

function CurrentPlanCard({ plan, prices }: { plan: NonNullable<PlanPageData["plan"]>; prices: PlanPageData["prices"] }) {
  const [confirming, setConfirming] = useState(false);
  const cancelling = useNavigation().formData?.get("intent") === "cancel";
  const usedShare = plan.capReached ? 100 : Math.min(100, Math.round((plan.usedMinor / plan.capMinor) * 100));
  return (
    <PlanCard
      badges={
        <>
          <Badge tone="success">Active</Badge>
          {plan.test ? <Badge tone="info">Test charges</Badge> : null}
        </>
      }
    >
      {plan.trialDaysLeft > 0 ? <Text as="p">{`Free trial: ${plan.trialDaysLeft} ${plan.trialDaysLeft === 1 ? "day" : "days"} left.`}</Text> : null}
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm">
          Usage this period
        </Text>
        <Text as="p">{`${plan.showsAired} ${plan.showsAired === 1 ? "show" : "shows"} aired, ${plan.used} of ${plan.cap}`}</Text>
        <ProgressBar progress={usedShare} tone={plan.capReached ? "critical" : "primary"} size="small" />
        {plan.periodEndsLabel ? (
          <Text as="p" tone="subdued" variant="bodySm">
            {`This period ends ${plan.periodEndsLabel}.`}
          </Text>
        ) : null}
      </BlockStack>
      {plan.capReached ? (
        <Banner tone="info" title="Usage cap reached">
          <p>{`You reached this period's cap of ${plan.cap}. Your shows still go live; they are not charged again until the next period.`}</p>
        </Banner>
      ) : null}
      <Prices prices={prices} />
      {confirming ? (
        <Banner tone="warning" title="Cancel your plan?" onDismiss={() => setConfirming(false)}>
          <BlockStack gap="200">
            <p>Shows that are live now keep going. After that, public shows can no longer go live until you choose a plan again. Rehearsals stay free.</p>
            <Form method="post">
              <input type="hidden" name="intent" value="cancel" />
              <input type="hidden" name="subscriptionId" value={plan.subscriptionId} />
              <InlineStack gap="200">
                <Button submit tone="critical" variant="primary" loading={cancelling}>
                  Cancel plan
                </Button>
                <Button onClick={() => setConfirming(false)}>Keep plan</Button>
              </InlineStack>
            </Form>
          </BlockStack>
        </Banner>
      ) : (
        <Box>
          <Button variant="plain" tone="critical" onClick={() => setConfirming(true)}>
            Cancel plan
          </Button>
        </Box>
      )}
    </PlanCard>
  );
}

export function PlanPage({ page, result }: { page: PlanPageData; result?: CommandResult }) {
  return (
    <Page title="Plan" backAction={{ content: "Settings", url: "/app/settings" }}>
      <Layout>
        {page.returned === "approved" ? (
          <Layout.Section>
            <Banner tone="success" title="Your plan is active">
              <p>Public shows go live as soon as your encoder connects.</p>
            </Banner>
          </Layout.Section>
        ) : null}
        {page.returned === "not_approved" ? (
          <Layout.Section>
            <Banner tone="warning" title="The plan was not approved">
              <p>Public shows can’t go live until you approve a plan. You can still rehearse.</p>
            </Banner>
          </Layout.Section>
        ) : null}
        {result ? (
          <Layout.Section>
            <Banner tone={result.ok ? "success" : "critical"}>
              <p>{result.message}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>{page.plan ? <CurrentPlanCard plan={page.plan} prices={page.prices} /> : <ChoosePlanCard prices={page.prices} />}</Layout.Section>
        {page.pendingCharges > 0 ? (
          <Layout.Section>
            <Banner tone="info">
              <p>{`${page.pendingCharges} show ${page.pendingCharges === 1 ? "charge is" : "charges are"} waiting for Shopify to confirm. They are sent again automatically and never charged twice.`}</p>
            </Banner>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}
