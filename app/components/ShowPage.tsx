import { useFetcher } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  InlineStack,
  Layout,
  Page,
  Text,
} from "@shopify/polaris";
import { statusLabel, statusTone } from "~/shows/status";
import type { ShowCounters } from "~/analytics/show-counters.server";
import type { HostOption } from "~/creators/creators.server";
import { DealCard } from "./DealCard";
import { CountersCard } from "./show/CountersCard";
import { HostCard } from "./show/HostCard";
import { LineupCard } from "./show/LineupCard";
import { PlanNeededBanner } from "./show/PlanNeededBanner";
import { StreamKeyCard } from "./show/StreamKeyCard";
import { StreamPreview } from "./show/StreamPreview";
import type { CommandResult, ShowView } from "./show/types";

export function ShowPage({
  show,
  hosts,
  needsPlan,
  chapters,
  counters,
  result,
  notice,
}: {
  show: ShowView;
  hosts: HostOption[];
  needsPlan: boolean;
  chapters: { startTime: number; title: string }[];
  counters: ShowCounters;
  result?: CommandResult;
  /** What the new-show form could not finish (the stream, the deal), carried on the redirect. */
  notice: string | null;
}) {
  const end = useFetcher<CommandResult>();
  const archive = useFetcher<CommandResult>();
  return (
    <Page
      secondaryActions={
        show.status === "live" || show.status === "archived"
          ? []
          : [
              {
                content: "Archive show",
                loading: archive.state !== "idle",
                onAction: () =>
                  archive.submit({ intent: "archive" }, { method: "post" }),
              },
            ]
      }
      title={show.title}
      backAction={{ content: "Shows", url: "/app/shows" }}
      titleMetadata={
        <InlineStack gap="200">
          <Badge tone={statusTone(show.status)}>
            {statusLabel(show.status)}
          </Badge>
          {show.mode === "rehearsal" ? <Badge>Rehearsal</Badge> : null}
        </InlineStack>
      }
      subtitle={show.startsAtLabel}
    >
      <Layout>
        {needsPlan ? (
          <Layout.Section>
            <PlanNeededBanner held={show.planHeld} />
          </Layout.Section>
        ) : null}
        {notice || (result && !result.ok) ? (
          <Layout.Section>
            <Banner tone="critical" title="Something needs your attention">
              <p>{notice ?? result?.message}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        {show.status === "live" ? (
          <Layout.Section>
            <Card>
              <InlineStack align="space-between" blockAlign="center">
                <Text as="p">
                  You are live. Viewers see pinned products as you pin them.
                </Text>
                <Button
                  tone="critical"
                  loading={end.state !== "idle"}
                  onClick={() =>
                    end.submit({ intent: "end_show" }, { method: "post" })
                  }
                >
                  End show
                </Button>
              </InlineStack>
            </Card>
          </Layout.Section>
        ) : null}
        {show.previewUrl ? (
          <Layout.Section>
            <Banner tone="info" title="Rehearsal">
              <p>
                Shoppers cannot see this show. Open it on your storefront with
                this private link (valid for 24 hours):
              </p>
              <p>
                <a href={show.previewUrl} target="_blank" rel="noreferrer">
                  Open the rehearsal preview
                </a>
              </p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <BlockStack gap="400">
            {show.status === "live" && show.previewStream ? (
              <StreamPreview title={show.title} {...show.previewStream} />
            ) : null}
            <LineupCard show={show} />
            {show.status === "live" || show.status === "scheduled" ? (
              <DealCard
                deal={show.activeDeal}
                live={show.status === "live"}
                planning={{
                  currency: show.currency,
                  timezone: show.timezone,
                  defaults: {
                    title: show.title,
                    durationMinutes: String(show.durationMinutes),
                    lineupPricesMinor: [],
                  },
                }}
              />
            ) : null}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            {show.status === "live" ||
            show.status === "ended" ||
            show.status === "replay_ready" ? (
              <CountersCard counters={counters} live={show.status === "live"} />
            ) : null}
            <HostCard show={show} hosts={hosts} />
            <StreamKeyCard show={show} />
            {chapters.length ? (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    Replay chapters
                  </Text>
                  <Box as="section">
                    <ol aria-label="Replay chapters">
                      {chapters.map((chapter) => (
                        <li key={`${chapter.startTime}-${chapter.title}`}>
                          {`${Math.floor(chapter.startTime / 60)}:${String(
                            chapter.startTime % 60
                          ).padStart(2, "0")} ${chapter.title}`}
                        </li>
                      ))}
                    </ol>
                  </Box>
                </BlockStack>
              </Card>
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
