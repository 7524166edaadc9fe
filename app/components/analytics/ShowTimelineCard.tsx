import { BlockStack, List, SkeletonBodyText, Text } from "@shopify/polaris";
import { Suspense, lazy, useEffect, useState } from "react";
import type { ShowTimelineChart } from "~/analytics/show-reports.server";
import { SectionCard } from "../SectionCard";

// Its own chunk, fetched once the report has hydrated: see TimelineChart.client.tsx.
const TimelineChart = lazy(() => import("./TimelineChart.client"));

function ChartLoading() {
  return <SkeletonBodyText lines={8} />;
}

/** Viewers and sales along the show's air time, with what was pinned and which deal started when, also as text for screen readers and for a glance. */
export function ShowTimelineCard({ timeline }: { timeline: ShowTimelineChart | null }) {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (!timeline) {
    return (
      <SectionCard title="Viewers and sales during the show">
        <Text as="p" tone="subdued">
          The timeline appears once the show has gone live for shoppers.
        </Text>
      </SectionCard>
    );
  }
  const peak = timeline.points.reduce((best, point) => (point.viewers > best.viewers ? point : best), timeline.points[0] ?? { time: "", viewers: 0 });
  const minutesWithSales = timeline.points.filter((point) => point.orders > 0).length;
  return (
    <SectionCard title="Viewers and sales during the show">
      <BlockStack gap="300">
        <figure style={{ margin: 0 }}>
          <figcaption>
            <Text as="p" tone="subdued">
              Viewers and sales per minute from {timeline.points[0]?.time} to {timeline.points.at(-1)?.time}: most viewers at once {peak.viewers}
              {peak.viewers > 0 ? ` at ${peak.time}` : ""}; orders placed in {minutesWithSales} {minutesWithSales === 1 ? "minute" : "minutes"}.
            </Text>
          </figcaption>
          {/* The drawing is for the eye: polaris-viz's SVG carries ARIA roles that assistive technology misreads and focus stops without meaning,
              so it is inert, and the caption above, the figures and the pins below say what it shows. */}
          {/* React 18's types lack `inert`; it renders the attribute as given. */}
          <div {...{ inert: "" }} aria-hidden="true">
            {hydrated ? (
              <Suspense fallback={<ChartLoading />}>
                <TimelineChart timeline={timeline} />
              </Suspense>
            ) : (
              <ChartLoading />
            )}
          </div>
        </figure>
        {timeline.pins.length > 0 ? (
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm">
              Pinned and deals
            </Text>
            <List>
              {timeline.pins.map((pin, index) => (
                <List.Item key={`${pin.time}-${index}`}>
                  {pin.time}: {pin.title}
                </List.Item>
              ))}
            </List>
          </BlockStack>
        ) : (
          <Text as="p" tone="subdued">
            No product was pinned and no deal started during the show.
          </Text>
        )}
      </BlockStack>
    </SectionCard>
  );
}
