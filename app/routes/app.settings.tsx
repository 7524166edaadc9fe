import { randomUUID } from "node:crypto";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BlockStack, Button, Card, FormLayout, InlineStack, Layout, Page, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { chatSettingsInput } from "~/chat/chat-settings";
import { getChatSettings, updateChatSettings } from "~/chat/chat-settings.server";
import { CHAT_SETTINGS_INTENT, ChatSettingsCard } from "~/components/ChatSettingsCard";
import { PrivacyRequests } from "~/components/PrivacyRequests";
import { fieldErrors } from "~/http/field-errors";
import { listCustomerDataRequests } from "~/privacy/compliance.server";
import { authenticate } from "~/shopify.server";
import { readForm } from "~/http/form-body.server";
import { getShopSettings, shopSettingsInput, updateShopSettings } from "~/shops/shops.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [settings, chat, privacyRequests] = await Promise.all([getShopSettings(session.shop), getChatSettings(session.shop), listCustomerDataRequests(session.shop)]);
  return { settings, chat, privacyRequests };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await readForm(request);
  if (form.intent === CHAT_SETTINGS_INTENT) {
    const chat = chatSettingsInput.safeParse(form);
    if (!chat.success) return data({ saved: false, errors: {} as Record<string, string>, chatErrors: fieldErrors(chat.error), chatSaveId: null }, { status: 400 });
    await updateChatSettings(session.shop, chat.data);
    return { saved: false, errors: {} as Record<string, string>, chatErrors: {} as Record<string, string>, chatSaveId: randomUUID() };
  }
  const parsed = shopSettingsInput.safeParse(form);
  if (!parsed.success) {
    return { saved: false, errors: fieldErrors(parsed.error), chatErrors: {}, chatSaveId: null };
  }
  await updateShopSettings(session.shop, parsed.data);
  return { saved: true, errors: {} as Record<string, string>, chatErrors: {}, chatSaveId: null };
};

export default function SettingsPage() {
  const { settings, chat, privacyRequests } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  const [holdDays, setHoldDays] = useState(String(settings.commissionHoldDays));
  const [threshold, setThreshold] = useState(String(settings.lowStockThreshold));
  const errors: Record<string, string | undefined> = result?.errors ?? {};

  return (
    <Page title="Settings">
      <Layout>
        <Layout.AnnotatedSection
          title="Shows and payouts"
          description={`Amounts are in your shop's currency (${settings.currency}); times in ${settings.timezone}.`}
        >
          <Card>
            <Form method="post">
              <FormLayout>
                <TextField
                  label="Commission hold period (days)"
                  name="commissionHoldDays"
                  type="number"
                  autoComplete="off"
                  value={holdDays}
                  onChange={setHoldDays}
                  error={errors.commissionHoldDays}
                  helpText="Commissions wait this long before a payout, so refunds can be netted first."
                />
                <TextField
                  label="Show “Only N left” below"
                  name="lowStockThreshold"
                  type="number"
                  autoComplete="off"
                  value={threshold}
                  onChange={setThreshold}
                  error={errors.lowStockThreshold}
                  helpText="Viewers see an honest low-stock note when fewer units remain. Use 0 to never show it."
                />
                <BlockStack gap="200">
                  <Button submit variant="primary" loading={saving}>
                    Save
                  </Button>
                  <div role="status">
                    {result?.saved ? (
                      <Text as="p" tone="success">
                        Settings saved.
                      </Text>
                    ) : null}
                  </div>
                </BlockStack>
              </FormLayout>
            </Form>
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection title="Chat" description="The rules for every show's chat: what viewers may not write, the assistant, and what viewers hear of purchases.">
          <ChatSettingsCard settings={chat} errors={result?.chatErrors ?? {}} saveId={result?.chatSaveId ?? null} />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection title="Plan" description="What Live Shows charges your shop, through your Shopify bill.">
          <Card>
            <BlockStack gap="300">
              <Text as="p">See your plan, trial and this period’s show charges, choose a plan or cancel it.</Text>
              <InlineStack>
                <Button url="/app/plan">Manage plan</Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection title="Privacy requests" description="Customer data requests from Shopify, and what Live Shows holds for each customer.">
          <PrivacyRequests requests={privacyRequests} />
        </Layout.AnnotatedSection>
      </Layout>
    </Page>
  );
}
