import { useRevalidator } from "@remix-run/react";
import { BlockStack, Card, Text } from "@shopify/polaris";
import { useEffect } from "react";
import type { ShowCounters } from "~/analytics/show-counters.server";

/** While the show is live the numbers refresh every few seconds, without a reload. */
export function CountersCard({
  counters,
  live,
}: {
  counters: ShowCounters;
  live: boolean;
}) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 10_000);
    return () => clearInterval(timer);
  }, [live, revalidator]);
  const figures = [
    { label: "Viewers now", value: String(counters.viewersNow) },
    { label: "Orders", value: String(counters.orders) },
    { label: "Revenue", value: counters.revenueLabel },
    { label: "Stock corrections", value: String(counters.stockCorrections) },
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
          {figures.map((figure) => (
            <div key={figure.label}>
              <dt>
                <Text as="span" tone="subdued" variant="bodySm">
                  {figure.label}
                </Text>
              </dt>
              <dd style={{ margin: 0 }}>
                <Text as="span" variant="headingLg">
                  {figure.value}
                </Text>
              </dd>
            </div>
          ))}
        </dl>
      </BlockStack>
    </Card>
  );
}
