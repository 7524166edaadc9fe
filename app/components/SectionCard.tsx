import { BlockStack, Card, Text } from "@shopify/polaris";
import type { ReactNode } from "react";

/** A titled card, the admin's and the portal's one way to set out a section of a page. */
export function SectionCard({ title, heading = "h2", children }: { title: string; heading?: "h2" | "h3"; children: ReactNode }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as={heading} variant="headingMd">
          {title}
        </Text>
        {children}
      </BlockStack>
    </Card>
  );
}
