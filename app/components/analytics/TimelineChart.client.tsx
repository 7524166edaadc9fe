// The show's timeline chart: viewers at once as bars, sales per minute as a line, the pins and deals marked
// on the time axis. Only the show report loads this module, and only in the browser (a .client
// module, imported lazily after hydration): polaris-viz measures the DOM and is large, so neither
// the server render nor any other admin page carries it.
import "@shopify/polaris-viz/build/esm/styles.css";
import { ComboChart, PolarisVizProvider } from "@shopify/polaris-viz";
import type { ShowTimelineChart } from "~/analytics/show-reports.server";

export default function TimelineChart({ timeline }: { timeline: ShowTimelineChart }) {
  const { currency, points, pins } = timeline;
  return (
    <PolarisVizProvider>
      <div style={{ height: 320 }}>
        <ComboChart
          theme="Light"
          isAnimated={false}
          // Viewers first: the first group's axis sets the ticks, and whole viewers need whole ticks (the second axis is divided to match).
          data={[
            {
              shape: "Bar",
              name: "Viewers",
              yAxisOptions: { integersOnly: true },
              series: [{ name: "Viewers", data: points.map((point) => ({ key: point.time, value: point.viewers })) }],
            },
            {
              shape: "Line",
              name: `Sales (${currency})`,
              yAxisOptions: { labelFormatter: (value) => `${value ?? 0} ${currency}` },
              series: [{ name: `Sales (${currency})`, data: points.map((point) => ({ key: point.time, value: point.revenue })) }],
            },
          ]}
          annotations={pins.map((pin) => ({ axis: "x" as const, startKey: pin.time, label: pin.title }))}
        />
      </div>
    </PolarisVizProvider>
  );
}
