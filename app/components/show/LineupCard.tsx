import { useFetcher } from "@remix-run/react";
import { Badge, Button, InlineStack, Text, Thumbnail } from "@shopify/polaris";
import { SectionCard } from "../SectionCard";
import type { CommandResult, ShowView } from "./types";

export function LineupCard({ show }: { show: ShowView }) {
  const pin = useFetcher<CommandResult>();
  return (
    <SectionCard title="Lineup">
      <div role="status" aria-live="polite">
        {pin.data?.message ? (
          <Text as="p" tone={pin.data.ok ? "success" : "critical"}>
            {pin.data.message}
          </Text>
        ) : null}
      </div>
      <ul
        aria-label="Products in this show"
        style={{ listStyle: "none", margin: 0, padding: 0 }}
      >
        {show.products.map((product) => (
          <li key={product.id} style={{ padding: "8px 0" }}>
            <InlineStack align="space-between" blockAlign="center">
              <InlineStack gap="300" blockAlign="center">
                <Thumbnail
                  source={product.imageUrl ?? "/empty-state.svg"}
                  alt=""
                  size="small"
                />
                <Text as="span">{product.title}</Text>
                {product.pinned ? <Badge tone="success">Pinned</Badge> : null}
                {product.removed ? (
                  <Badge tone="critical">Deleted in Shopify</Badge>
                ) : null}
              </InlineStack>
              <Button
                disabled={product.removed}
                pressed={product.pinned}
                accessibilityLabel={`${product.pinned ? "Unpin" : "Pin"} ${
                  product.title
                }`}
                onClick={() =>
                  pin.submit(
                    {
                      intent: product.pinned ? "unpin" : "pin",
                      showProductId: product.id,
                    },
                    { method: "post" }
                  )
                }
              >
                {product.pinned ? "Unpin" : "Pin"}
              </Button>
            </InlineStack>
          </li>
        ))}
      </ul>
    </SectionCard>
  );
}
