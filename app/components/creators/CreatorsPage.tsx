import { Form, useNavigation } from "@remix-run/react";
import { Avatar, Badge, Banner, BlockStack, Button, Card, EmptyState, FormLayout, IndexTable, Layout, Link, Page, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { CommissionRateField } from "./CommissionRateField";
import type { CreatorListItem } from "~/creators/creators.server";
import { formatRate } from "../format";

export interface InviteOutcome {
  ok: boolean;
  errors: Record<string, string>;
  invited?: { creatorId: string; email: string; mailError: string | null };
}

const statusBadge: Record<CreatorListItem["status"], { label: string; tone?: "success" | "attention" | "info" }> = {
  invited: { label: "Invited", tone: "info" },
  active: { label: "Active", tone: "success" },
  deactivated: { label: "Deactivated" },
};

function payoutBadge(creator: CreatorListItem) {
  if (creator.payoutsEnabled) return <Badge tone="success">Payouts on</Badge>;
  if (creator.stripeConnected) return <Badge tone="attention">Stripe onboarding unfinished</Badge>;
  return <Badge>No Stripe account yet</Badge>;
}

function InviteForm({ outcome }: { outcome?: InviteOutcome }) {
  const submitting = useNavigation().formData?.get("intent") === "invite";
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [rate, setRate] = useState("10");
  const errors = outcome?.errors ?? {};
  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="intent" value="invite" />
        <FormLayout>
          <Text as="h2" variant="headingMd">
            Invite a creator
          </Text>
          <FormLayout.Group>
            <TextField label="Name" name="name" autoComplete="off" value={name} onChange={setName} error={errors.name} />
            <TextField label="Email" name="email" type="email" autoComplete="off" value={email} onChange={setEmail} error={errors.email} />
          </FormLayout.Group>
          <CommissionRateField
            value={rate}
            onChange={setRate}
            error={errors.commissionPercent}
            helpText="Their share of what sells in the shows they host, before tax and shipping. A show can set its own rate."
          />
          <Button submit variant="primary" loading={submitting}>
            Send invitation
          </Button>
        </FormLayout>
      </Form>
    </Card>
  );
}

function InviteResult({ outcome }: { outcome?: InviteOutcome }) {
  const invited = outcome?.invited;
  return (
    <div role="status" aria-live="polite">
      {invited && !invited.mailError ? (
        <Banner tone="success" title={`Invitation sent to ${invited.email}`}>
          They get a sign-in link to their creator portal, where they set up payouts with Stripe.
        </Banner>
      ) : null}
      {invited?.mailError ? (
        <Banner tone="warning" title="The creator is saved, but the invitation was not sent" action={{ content: "Open creator", url: `/app/creators/${invited.creatorId}` }}>
          {invited.mailError}
        </Banner>
      ) : null}
    </div>
  );
}

export function CreatorsPage({ creators, outcome }: { creators: CreatorListItem[]; outcome?: InviteOutcome }) {
  return (
    <Page title="Creators" subtitle="The hosts of your shows, what they earn and how they get paid">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <InviteResult outcome={outcome} />
            {creators.length === 0 ? (
              <Card>
                <EmptyState heading="Invite the hosts of your shows" image="/empty-state.svg">
                  <p>Creators host your shows and earn a commission on what they sell. Invite one by email; they connect a Stripe account to get paid.</p>
                </EmptyState>
              </Card>
            ) : (
              <Card padding="0">
                <IndexTable
                  resourceName={{ singular: "creator", plural: "creators" }}
                  itemCount={creators.length}
                  selectable={false}
                  headings={[{ title: "Creator" }, { title: "Status" }, { title: "Payouts" }, { title: "Commission" }, { title: "Shows" }]}
                >
                  {creators.map((creator, index) => (
                    <IndexTable.Row id={creator.id} key={creator.id} position={index}>
                      <IndexTable.Cell>
                        <BlockStack gap="050">
                          <Link url={`/app/creators/${creator.id}`} removeUnderline>
                            <span style={{ display: "inline-flex", gap: 8, alignItems: "center" }}>
                              <Avatar size="sm" name={creator.name} initials={creator.name.slice(0, 1).toUpperCase()} source={creator.avatarUrl ?? undefined} />
                              <Text as="span" fontWeight="semibold">
                                {creator.name}
                              </Text>
                            </span>
                          </Link>
                          <Text as="span" tone="subdued">
                            {creator.email}
                          </Text>
                        </BlockStack>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <Badge tone={statusBadge[creator.status].tone}>{statusBadge[creator.status].label}</Badge>
                      </IndexTable.Cell>
                      <IndexTable.Cell>{payoutBadge(creator)}</IndexTable.Cell>
                      <IndexTable.Cell>{formatRate(creator.commissionBps)}</IndexTable.Cell>
                      <IndexTable.Cell>{creator.showCount}</IndexTable.Cell>
                    </IndexTable.Row>
                  ))}
                </IndexTable>
              </Card>
            )}
            {/* A new key after each invitation empties the form for the next one. */}
            <InviteForm key={outcome?.invited?.creatorId ?? "invite"} outcome={outcome} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
