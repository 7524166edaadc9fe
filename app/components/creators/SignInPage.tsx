import { Form, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, FormLayout, Layout, Page, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

export interface SignInOutcome {
  ok: boolean;
  message: string;
}

function EmailLinkForm() {
  const [email, setEmail] = useState("");
  const sending = useNavigation().formData?.get("intent") === "email_link";
  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="intent" value="email_link" />
        <FormLayout>
          <Text as="h2" variant="headingMd">
            Email me a sign-in link
          </Text>
          <TextField label="Email" name="email" type="email" autoComplete="email" value={email} onChange={setEmail} />
          <Button submit loading={sending}>
            Send link
          </Button>
        </FormLayout>
      </Form>
    </Card>
  );
}

export function SignInPage({
  token,
  link,
  signedOut,
  outcome,
}: {
  token: string;
  link: { creatorName: string; shopName: string } | null;
  signedOut: "here" | "everywhere" | null;
  outcome?: SignInOutcome;
}) {
  const signingIn = useNavigation().formData?.get("intent") === "use_link";
  return (
    <Page title="Creator portal" narrowWidth>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <div role="status" aria-live="polite">
              {outcome ? (
                <Banner tone={outcome.ok ? "success" : "critical"}>
                  <p>{outcome.message}</p>
                </Banner>
              ) : signedOut ? (
                <Banner tone="info">
                  <p>{signedOut === "everywhere" ? "You are signed out on every device and browser where you used the portal." : "You are signed out."}</p>
                </Banner>
              ) : null}
            </div>
            {token && link && !outcome ? (
              <Card>
                <Form method="post">
                  <input type="hidden" name="intent" value="use_link" />
                  <input type="hidden" name="token" value={token} />
                  <BlockStack gap="300">
                    <Text as="h2" variant="headingMd">
                      Welcome, {link.creatorName}
                    </Text>
                    <Text as="p">Sign in to see your shows, earnings and payouts for {link.shopName}.</Text>
                    <Button submit variant="primary" loading={signingIn}>
                      Sign in
                    </Button>
                  </BlockStack>
                </Form>
              </Card>
            ) : token && !link && !outcome ? (
              <Banner tone="critical" title="This sign-in link cannot be used">
                <p>It has expired or was already used. Links work once and for a short time; ask for a new one below.</p>
              </Banner>
            ) : null}
            <EmailLinkForm />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
