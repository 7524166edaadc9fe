import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Button, InlineStack, Text, Thumbnail } from "@shopify/polaris";
import type { LineupVariantStock } from "~/analytics/lineup-stock.server";
import type { StockEventData } from "~/realtime/events";
import { isShowOver } from "~/shows/show-controls";
import { SectionCard } from "../SectionCard";
import type { CommandResult, ShowView } from "./types";

/**
 * `variants`: each product's variants and stock when the page loaded; `stock`: what the show's
 * stream has said since, which wins.
 */
export function LineupCard({
  show,
  variants,
  stock,
}: {
  show: ShowView;
  variants: Record<string, LineupVariantStock[]>;
  stock: Record<string, StockEventData>;
}) {
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
                <BlockStack gap="100">
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="span">{product.title}</Text>
                    {product.pinned ? (
                      <Badge tone="success">Pinned</Badge>
                    ) : null}
                    {product.removed ? (
                      <Badge tone="critical">Deleted in Shopify</Badge>
                    ) : null}
                  </InlineStack>
                  {product.removed ? null : (
                    <VariantStock
                      title={product.title}
                      variants={variants[product.productId] ?? []}
                      stock={stock}
                    />
                  )}
                </BlockStack>
              </InlineStack>
              {isShowOver(show.status) ? null : (
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
              )}
            </InlineStack>
          </li>
        ))}
      </ul>
    </SectionCard>
  );
}

function VariantStock({
  title,
  variants,
  stock,
}: {
  title: string;
  variants: LineupVariantStock[];
  stock: Record<string, StockEventData>;
}) {
  if (!variants.length) return null;
  return (
    <ul
      aria-label={`Stock of ${title}`}
      style={{
        listStyle: "none",
        margin: 0,
        padding: 0,
        display: "flex",
        flexWrap: "wrap",
        columnGap: 12,
      }}
    >
      {variants.map((variant) => {
        const now = stock[variant.id] ?? variant;
        const name = variant.title === "Default Title" ? "" : `${variant.title}: `;
        return (
          <li key={variant.id}>
            <Text as="span" variant="bodySm" tone={now.inStock ? "subdued" : "critical"}>
              {`${name}${stockWords(now)}`}
            </Text>
          </li>
        );
      })}
    </ul>
  );
}

function stockWords({ available, inStock }: Pick<StockEventData, "available" | "inStock">): string {
  if (!inStock) return "Sold out";
  if (available === null) return "Not tracked";
  return `${available} in stock`;
}
