import { Text } from "@shopify/polaris";
import { SectionCard } from "../SectionCard";

/** Labelled figures in a grid, as a description list: a screen reader reads each label with its value. */
export function FiguresCard({ title, figures }: { title: string; figures: { label: string; value: string | number }[] }) {
  return (
    <SectionCard title={title}>
      <dl style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(10rem, 1fr))", gap: 12, margin: 0 }}>
        {figures.map((figure) => (
          <div key={figure.label}>
            <dt>
              <Text as="span" tone="subdued" variant="bodySm">
                {figure.label}
              </Text>
            </dt>
            <dd style={{ margin: 0 }}>
              <Text as="span" variant="headingLg">
                {String(figure.value)}
              </Text>
            </dd>
          </div>
        ))}
      </dl>
    </SectionCard>
  );
}
