import { Card, EmptyState, Layout, Page } from "@shopify/polaris";
import type { ReactNode } from "react";

interface EmptyPageProps {
  title: string;
  heading: string;
  action?: { content: string; url: string };
  children: ReactNode;
}

/** A Polaris page whose only content is an empty state: what the page is for and the first step. */
export function EmptyPage({ title, heading, action, children }: EmptyPageProps) {
  return (
    <Page title={title}>
      <Layout>
        <Layout.Section>
          <Card>
            <EmptyState heading={heading} action={action} image="/empty-state.svg">
              {children}
            </EmptyState>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
