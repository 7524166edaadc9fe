import { BlockStack, InlineStack, Link, Text } from "@shopify/polaris";
import type { CreatorReport } from "~/analytics/creator-report.server";
import { FiguresCard } from "../analytics/FiguresCard";
import { FetchDownloadButton } from "../FetchDownloadButton";
import { SectionCard } from "../SectionCard";
import { TableOrEmpty } from "../TableOrEmpty";

/** What the creator's shows did, summed and side by side; the same figures as each show's report. */
export function CreatorReportCard({ creatorId, name, report }: { creatorId: string; name: string; report: CreatorReport }) {
  const { total } = report;
  return (
    <BlockStack gap="400">
      <FiguresCard
        title="Across their shows"
        figures={[
          { label: "Shows", value: report.showCount },
          { label: "Unique viewers", value: total.uniqueViewers },
          { label: "Watch time", value: total.watchTime },
          { label: "Orders", value: total.orders },
          { label: "Revenue", value: total.revenue },
          { label: "Conversion", value: total.conversion },
        ]}
      />
      <SectionCard title="Their shows">
        <TableOrEmpty
          empty={`None of ${name}'s shows has gone live yet.`}
          columnContentTypes={["text", "text", "numeric", "numeric", "numeric", "numeric", "numeric"]}
          headings={["Show", "Went live", "Unique viewers", "Watch time", "Orders", "Revenue", "Conversion"]}
          rows={report.shows.map((row) => [
            <Link key={row.id} url={`/app/analytics/shows/${row.id}`} accessibilityLabel={`Report of ${row.title}`}>
              {row.title}
            </Link>,
            row.wentLiveAt,
            row.uniqueViewers,
            row.watchTime,
            row.orders,
            row.revenue,
            row.conversion,
          ])}
        />
        <InlineStack align="space-between" blockAlign="center" gap="300">
          <Text as="p" tone="subdued">
            Times are in {report.timeZone}; revenue is sales less refunds, before tax and shipping, in {report.currency}.
          </Text>
          {report.showCount > 0 ? <FetchDownloadButton url={`/app/creators/${creatorId}/report.csv`} fallbackName="creator-shows.csv" label="Download as CSV" size="slim" /> : null}
        </InlineStack>
      </SectionCard>
    </BlockStack>
  );
}
