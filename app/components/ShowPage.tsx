import { useFetcher } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  InlineStack,
  Layout,
  Page,
} from "@shopify/polaris";
import type { Chapter } from "~/shows/chapters";
import { statusLabel, statusTone } from "~/shows/status";
import type { ShowCounters } from "~/analytics/show-counters.server";
import type { LineupVariantStock } from "~/analytics/lineup-stock.server";
import type { HostOption } from "~/creators/creators.server";
import { DealCard } from "./DealCard";
import { ChatCard } from "./show/ChatCard";
import { CountersCard } from "./show/CountersCard";
import { CommandResultBanner } from "./show/CommandResultBanner";
import { EncoderBadge, EncoderBanner } from "./show/EncoderNotice";
import { EndShowCard } from "./show/EndShowCard";
import { GO_PUBLIC_FETCHER } from "./show/GoPublicButton";
import { HostCard } from "./show/HostCard";
import { LineupCard } from "./show/LineupCard";
import { PlanNeededBanner } from "./show/PlanNeededBanner";
import { PreviewLinkCard } from "./show/PreviewLinkCard";
import { ReplayCard } from "./show/ReplayCard";
import { LiveConnectionNotice, useShowLive } from "./show/ShowLive";
import { StreamKeyCard } from "./show/StreamKeyCard";
import { StreamPreview } from "./show/StreamPreview";
import type { CommandResult, ShowView } from "./show/types";

export function ShowPage({
  show,
  hosts,
  needsPlan,
  chapters,
  counters,
  lineupStock,
  result,
  notice,
}: {
  show: ShowView;
  hosts: HostOption[];
  needsPlan: boolean;
  chapters: Chapter[];
  counters: ShowCounters;
  lineupStock: Record<string, LineupVariantStock[]>;
  result?: CommandResult;
  /** What the new-show form could not finish (the stream, the deal), carried on the redirect. */
  notice: string | null;
}) {
  const end = useFetcher<CommandResult>();
  const archive = useFetcher<CommandResult>();
  const goPublic = useFetcher<CommandResult>({ key: GO_PUBLIC_FETCHER });
  const live = useShowLive(show.id, { status: show.status, encoder: show.encoder, counters });
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
          <Badge tone={statusTone(live.status)}>
            {statusLabel(live.status)}
          </Badge>
          <EncoderBadge status={live.status} encoder={live.encoder} />
          {show.mode === "rehearsal" ? <Badge>Rehearsal</Badge> : null}
        </InlineStack>
      }
      subtitle={show.startsAtLabel}
    >
      <LiveConnectionNotice connection={live.connection} />
      <EncoderBanner status={live.status} encoder={live.encoder} />
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
        {end.data && end.state === "idle" ? (
          <Layout.Section>
            <CommandResultBanner result={end.data} successTitle="The show has ended" />
          </Layout.Section>
        ) : null}
        {goPublic.data && goPublic.state === "idle" ? (
          <Layout.Section>
            <CommandResultBanner result={goPublic.data} successTitle="Your show is public" />
          </Layout.Section>
        ) : null}
        {show.status === "live" ? (
          <Layout.Section>
            <EndShowCard
              deal={show.activeDeal ? (show.activeDeal.scheduled ? "scheduled" : "running") : null}
              ending={end.state !== "idle"}
              onEnd={() => end.submit({ intent: "end_show" }, { method: "post" })}
            />
          </Layout.Section>
        ) : null}
        {show.preview ? (
          <Layout.Section>
            <PreviewLinkCard show={show} preview={show.preview} />
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <BlockStack gap="400">
            {show.status === "live" && show.previewStream ? (
              <StreamPreview title={show.title} {...show.previewStream} />
            ) : null}
            {show.replayStream ? (
              <ReplayCard title={show.title} chapters={chapters} {...show.replayStream} />
            ) : null}
            <LineupCard show={show} variants={lineupStock} stock={live.stock} />
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
            {live.status === "live" ? <ChatCard showId={show.id} lineup={show.products} feed={live.chat} /> : null}
            {show.status === "live" ||
            show.status === "ended" ||
            show.status === "replay_ready" ? (
              <CountersCard figures={live.figures} />
            ) : null}
            <HostCard show={show} hosts={hosts} />
            <StreamKeyCard show={show} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
