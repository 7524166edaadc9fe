import { Banner, BlockStack, Layout, Page, Text } from "@shopify/polaris";
import type { ShowReport } from "~/analytics/show-reports.server";
import { SectionCard } from "../SectionCard";
import { TableOrEmpty } from "../TableOrEmpty";
import { FiguresCard } from "./FiguresCard";
import { ShowTimelineCard } from "./ShowTimelineCard";

export function ShowReportPage({ report }: { report: ShowReport }) {
  const { figures } = report;
  return (
    <Page
      title={`Report: ${report.title}`}
      subtitle={report.wentLiveAt ? `Went live ${report.wentLiveAt}` : "Not live yet"}
      backAction={{ content: "Analytics", url: "/app/analytics" }}
      secondaryActions={[{ content: "Open the show", url: `/app/shows/${report.id}` }]}
    >
      <Layout>
        {report.rehearsal ? (
          <Layout.Section>
            <Banner tone="info" title="This show is a rehearsal">
              <p>A rehearsal’s viewers and sales are not counted. Make the show public for shoppers to see its numbers here.</p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <BlockStack gap="400">
            <FiguresCard
              title="Audience"
              figures={[
                { label: "Peak viewers", value: figures.peakViewers },
                { label: "Average viewers", value: figures.averageViewers },
                { label: "Unique viewers", value: figures.uniqueViewers },
                { label: "Watch time", value: figures.watchTime },
                { label: "Add to carts", value: figures.addToCarts },
                { label: "Add-to-cart rate", value: figures.addToCartRate },
                { label: "Stock corrections", value: report.stockCorrections },
              ]}
            />
            <FiguresCard
              title="Sales"
              figures={[
                { label: "Orders", value: figures.orders },
                { label: "Units", value: figures.units },
                { label: "Revenue", value: figures.revenue },
                { label: "Conversion", value: figures.conversion },
                { label: "Average order value", value: figures.averageOrderValue },
                { label: "Shop's average order value", value: report.shopAverageOrderValue },
              ]}
            />
            <Text as="p" tone="subdued">
              Revenue is the show’s sales less refunds, before tax and shipping, in {report.currency}. Unique viewers, watch time and add to carts count shoppers
              who allowed analytics; peak and average viewers count everyone who watched. The shop’s average order value covers its 30 days up to the show’s end.
            </Text>
            <ShowTimelineCard timeline={report.timeline} />
            <FiguresCard
              title="Chat"
              figures={[
                { label: "Messages", value: report.chat.messages },
                { label: "Questions", value: report.chat.questions },
                { label: "Questions answered", value: report.chat.answered },
                { label: "Hidden by moderators", value: report.chat.hidden },
              ]}
            />
            <SectionCard title="Most asked in the chat">
              <TableOrEmpty
                empty="No viewer named a product of the lineup in the chat."
                columnContentTypes={["text", "numeric", "numeric"]}
                headings={["Product", "Questions", "Mentions"]}
                rows={report.chat.mostAsked.map((product) => [product.title, product.questions, product.mentions])}
              />
              <Text as="p" tone="subdued">
                A message mentions a product when it names it; hidden messages and the assistant’s answers are not counted.
              </Text>
            </SectionCard>
            <SectionCard title="Top products">
              <TableOrEmpty
                empty="No sale is attributed to this show yet."
                columnContentTypes={["text", "numeric", "numeric"]}
                headings={["Product", "Units", "Revenue"]}
                rows={report.topProducts.map((product) => [product.title, product.units, product.revenue])}
              />
            </SectionCard>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
