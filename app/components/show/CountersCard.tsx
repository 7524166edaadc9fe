import { BlockStack, Card, Text } from "@shopify/polaris";
import type { ShowCounters } from "~/analytics/show-counters.server";

/** The numbers change in place as the show's stream tells them (ShowLive.tsx). */
export function CountersCard({ figures }: { figures: ShowCounters }) {
  const rows = [
    { label: "Viewers now", value: String(figures.viewersNow) },
    { label: "Peak viewers", value: String(figures.viewersPeak) },
    { label: "Add to carts", value: String(figures.addToCarts) },
    { label: "Orders", value: String(figures.orders) },
    { label: "Revenue", value: figures.revenueLabel },
    { label: "Stock corrections", value: String(figures.stockCorrections) },
  ];
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Live numbers
        </Text>
        <dl
          style={{
            display: "grid",
            gridTemplateColumns: "repeat(2, 1fr)",
            gap: 8,
            margin: 0,
          }}
        >
          {rows.map((row) => (
            <div key={row.label}>
              <dt>
                <Text as="span" tone="subdued" variant="bodySm">
                  {row.label}
                </Text>
              </dt>
              <dd style={{ margin: 0 }}>
                <Text as="span" variant="headingLg">
                  {row.value}
                </Text>
              </dd>
            </div>
          ))}
        </dl>
      </BlockStack>
    </Card>
  );
}
