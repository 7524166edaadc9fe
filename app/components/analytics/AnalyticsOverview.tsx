import { Form, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, EmptyState, InlineStack, Layout, Link, Page, Spinner, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { FigureTexts } from "~/analytics/show-reports.server";
import { FetchDownloadButton } from "../FetchDownloadButton";
import { SectionCard } from "../SectionCard";
import { TableOrEmpty } from "../TableOrEmpty";

export interface OverviewRow extends FigureTexts {
  id: string;
  title: string;
  wentLiveAt: string;
}

export interface AnalyticsOverviewProps {
  from: string;
  to: string;
  /** What is wrong with the range asked for; the table then stays empty. */
  error: string | null;
  timeZone: string;
  currency: string;
  anyShowAired: boolean;
  rows: OverviewRow[];
  shopAverageOrderValue: string;
}

const PATH = "/app/analytics";

export function AnalyticsOverview(props: AnalyticsOverviewProps) {
  const { error, anyShowAired, rows } = props;
  const navigation = useNavigation();
  const loading = navigation.state === "loading" && navigation.location.pathname === PATH;
  if (!anyShowAired && !error) {
    return (
      <Page title="Analytics">
        <Card>
          <EmptyState heading="Your numbers appear after your first show" action={{ content: "Plan a show", url: "/app/shows/new" }} image="/empty-state.svg">
            <p>Viewers, watch time, add-to-carts, orders and revenue for every show, live and in replay.</p>
          </EmptyState>
        </Card>
      </Page>
    );
  }
  return (
    <Page title="Analytics">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <RangeForm {...props} loading={loading} />
            {error ? (
              <Banner tone="critical" title="These dates cannot be shown">
                <p>{error}</p>
              </Banner>
            ) : null}
            <SectionCard title="Shows">
              <div aria-busy={loading} style={{ opacity: loading ? 0.5 : 1 }}>
                <TableOrEmpty
                  empty={error ? "Pick a valid range to compare its shows." : `No show went live between ${props.from} and ${props.to}. Pick a wider range.`}
                  columnContentTypes={["text", "text", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric"]}
                  headings={["Show", "Went live", "Peak viewers", "Average viewers", "Unique viewers", "Watch time", "Add to carts", "Orders", `Revenue`, "Conversion"]}
                  rows={rows.map((row) => [
                    <Link key={row.id} url={`${PATH}/shows/${row.id}`} accessibilityLabel={`Report of ${row.title}`}>
                      {row.title}
                    </Link>,
                    row.wentLiveAt,
                    row.peakViewers,
                    row.averageViewers,
                    row.uniqueViewers,
                    row.watchTime,
                    row.addToCarts,
                    row.orders,
                    row.revenue,
                    row.conversion,
                  ])}
                />
              </div>
              <Text as="p" tone="subdued">
                Times are in {props.timeZone}; revenue is sales less refunds, before tax and shipping, in {props.currency}. The shop’s average order value in this
                range: {props.shopAverageOrderValue}.
              </Text>
            </SectionCard>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function RangeForm({ from, to, error, rows, loading }: AnalyticsOverviewProps & { loading: boolean }) {
  const [start, setStart] = useState(from);
  const [end, setEnd] = useState(to);
  return (
    <Card>
      <Form method="get" action={PATH}>
        <InlineStack gap="300" blockAlign="end" wrap>
          <TextField label="From" name="from" type="date" autoComplete="off" value={start} onChange={setStart} />
          <TextField label="To" name="to" type="date" autoComplete="off" value={end} onChange={setEnd} />
          <Button submit loading={loading}>
            Show
          </Button>
          {loading ? <Spinner size="small" accessibilityLabel="Loading the shows of these dates" /> : null}
          {!error && rows.length > 0 ? (
            <FetchDownloadButton url={`${PATH}.csv?from=${from}&to=${to}`} fallbackName={`shows-${from}-to-${to}.csv`} label="Download as CSV" />
          ) : null}
        </InlineStack>
      </Form>
    </Card>
  );
}
