import { useFetcher, useRevalidator } from "@remix-run/react";
import { SaveBar } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Box, Button, Card, InlineStack, Layout, Page, Text, TextField, Thumbnail } from "@shopify/polaris";
import { Suspense, lazy, useEffect, useRef, useState } from "react";

const PreviewPlayer = lazy(() => import("./PreviewPlayer"));
import type { ShowStatus } from "~/shows/lifecycle";
import { statusLabel, statusTone } from "~/shows/status";
import type { ShowCounters } from "~/analytics/show-counters.server";
import { DealCard, type ActiveDeal } from "./DealCard";
import { BILLING_PERIOD_DAYS, PLAN } from "~/shopify/app-plan";
import { formatMoney } from "~/lib/money";
import type { HostOption } from "~/creators/creators.server";
import { HostPicker, sameHost, savedHost } from "./HostPicker";
import { SectionCard } from "./SectionCard";

interface ShowView {
  id: string;
  title: string;
  startsAtLabel: string;
  status: ShowStatus;
  mode: "public" | "rehearsal";
  creatorId: string | null;
  hostName: string;
  hostChangeable: boolean;
  planHeld: boolean;
  hasStream: boolean;
  ingestUrl: string;
  activeDeal: ActiveDeal | null;
  durationMinutes: number;
  currency: string;
  timezone: string;
  previewStream: { src: string; poster: string } | null;
  previewUrl: string | null;
  products: { id: string; title: string; imageUrl: string | null; pinned: boolean; removed: boolean }[];
}

interface CommandResult {
  ok: boolean;
  message?: string;
  streamKey?: string;
  errors?: Record<string, string>;
}

function StreamKeyCard({ show }: { show: ShowView }) {
  const reveal = useFetcher<CommandResult>();
  const reset = useFetcher<CommandResult>();
  const [confirmingReset, setConfirmingReset] = useState(false);
  const streamKey = reset.data?.streamKey ?? reveal.data?.streamKey;
  const failure = [reveal.data, reset.data].find((data) => data && !data.ok)?.message;

  if (!show.hasStream) return <CreateStreamCard />;
  return (
    <SectionCard title="Stream settings">
      <Text as="p" tone="subdued">
        Enter these in OBS or your phone encoder. Keep the stream key secret: anyone with it can broadcast as your show.
      </Text>
      {failure ? <Banner tone="critical">{failure}</Banner> : null}
      <TextField label="Server (RTMPS URL)" value={show.ingestUrl} readOnly autoComplete="off" />
      <TextField
        label="Stream key"
        value={streamKey ?? "••••••••••••••••••••"}
        readOnly
        autoComplete="off"
        connectedRight={
          streamKey ? (
            <Button onClick={() => navigator.clipboard?.writeText(streamKey)}>Copy</Button>
          ) : (
            <Button loading={reveal.state !== "idle"} onClick={() => reveal.submit({ intent: "reveal_key" }, { method: "post" })}>
              Reveal
            </Button>
          )
        }
      />
      {confirmingReset ? (
        <Banner
          tone="warning"
          title="Reset the stream key?"
          action={{
            content: "Reset key",
            loading: reset.state !== "idle",
            onAction: () => {
              reset.submit({ intent: "reset_key" }, { method: "post" });
              setConfirmingReset(false);
            },
          }}
          secondaryAction={{ content: "Cancel", onAction: () => setConfirmingReset(false) }}
        >
          An encoder using the old key is disconnected and must be given the new one.
        </Banner>
      ) : (
        <InlineStack>
          <Button variant="plain" tone="critical" onClick={() => setConfirmingReset(true)}>
            Reset stream key
          </Button>
        </InlineStack>
      )}
      {reset.data?.ok && reset.data.message ? (
        <div role="status">
          <Text as="p" tone="success">
            {reset.data.message}
          </Text>
        </div>
      ) : null}
    </SectionCard>
  );
}

/** Changing the host is saved from App Bridge's save bar, like any other edit in the admin. */
function HostCard({ show, hosts }: { show: ShowView; hosts: HostOption[] }) {
  const save = useFetcher<CommandResult>();
  const form = useRef<HTMLFormElement>(null);
  const { creatorId, hostName } = show;
  const [host, setHost] = useState(() => savedHost({ creatorId, hostName }));
  // After a save the loader brings the new host: that becomes what "unchanged" means.
  useEffect(() => setHost(savedHost({ creatorId, hostName })), [creatorId, hostName]);
  const dirty = !sameHost(host, savedHost({ creatorId, hostName }));
  const heading = (
    <Text as="h2" variant="headingMd">
      Who hosts
    </Text>
  );
  if (!show.hostChangeable) {
    return (
      <Card>
        <BlockStack gap="200">
          {heading}
          <Text as="p">{hostName || "Nobody hosted this show."}</Text>
        </BlockStack>
      </Card>
    );
  }
  return (
    <Card>
      <save.Form method="post" ref={form}>
        <input type="hidden" name="intent" value="set_host" />
        <BlockStack gap="300">
          {heading}
          <HostPicker hosts={hosts} value={host} onChange={setHost} errors={save.data?.errors ?? {}} />
          <div role="status">
            {save.data?.message && !dirty ? (
              <Text as="p" tone={save.data.ok ? "success" : "critical"}>
                {save.data.message}
              </Text>
            ) : null}
          </div>
        </BlockStack>
      </save.Form>
      <SaveBar id="show-host-save-bar" open={dirty && save.state === "idle"}>
        <button variant="primary" onClick={() => form.current?.requestSubmit()}>
          Save
        </button>
        <button onClick={() => setHost(savedHost({ creatorId, hostName }))}>Discard</button>
      </SaveBar>
    </Card>
  );
}

function CreateStreamCard() {
  const create = useFetcher<CommandResult>();
  return (
    <SectionCard title="Stream settings">
      <Text as="p">This show has no live stream yet.</Text>
      {create.data && !create.data.ok ? <Banner tone="critical">{create.data.message}</Banner> : null}
      <InlineStack>
        <Button loading={create.state !== "idle"} onClick={() => create.submit({ intent: "create_stream" }, { method: "post" })}>
          Create live stream
        </Button>
      </InlineStack>
    </SectionCard>
  );
}

function LineupCard({ show }: { show: ShowView }) {
  const pin = useFetcher<CommandResult>();
  return (
    <SectionCard title="Lineup">
      <div role="status" aria-live="polite">
        {pin.data?.message ? (
          <Text as="p" tone={pin.data.ok ? "success" : "critical"}>
            {pin.data.message}
          </Text>
        ) : null}
      </div>
      <ul aria-label="Products in this show" style={{ listStyle: "none", margin: 0, padding: 0 }}>
        {show.products.map((product) => (
          <li key={product.id} style={{ padding: "8px 0" }}>
            <InlineStack align="space-between" blockAlign="center">
              <InlineStack gap="300" blockAlign="center">
                <Thumbnail source={product.imageUrl ?? "/empty-state.svg"} alt="" size="small" />
                <Text as="span">{product.title}</Text>
                {product.pinned ? <Badge tone="success">Pinned</Badge> : null}
                {product.removed ? <Badge tone="critical">Deleted in Shopify</Badge> : null}
              </InlineStack>
              <Button
                disabled={product.removed}
                pressed={product.pinned}
                accessibilityLabel={`${product.pinned ? "Unpin" : "Pin"} ${product.title}`}
                onClick={() => pin.submit({ intent: product.pinned ? "unpin" : "pin", showProductId: product.id }, { method: "post" })}
              >
                {product.pinned ? "Unpin" : "Pin"}
              </Button>
            </InlineStack>
          </li>
        ))}
      </ul>
    </SectionCard>
  );
}

/** While the show is live the numbers refresh every few seconds, without a reload. */
function CountersCard({ counters, live }: { counters: ShowCounters; live: boolean }) {
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
        <dl style={{ display: "grid", gridTemplateColumns: "repeat(2, 1fr)", gap: 8, margin: 0 }}>
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

/** The player is a browser-only web component: it mounts after hydration. */
function StreamPreview({ src, poster, title }: { src: string; poster: string; title: string }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const placeholder = <div style={{ aspectRatio: "16 / 9" }} />;
  return (
    <Card>
      {mounted ? (
        <Suspense fallback={placeholder}>
          <PreviewPlayer src={src} poster={poster} title={title} />
        </Suspense>
      ) : (
        placeholder
      )}
    </Card>
  );
}

/** Said before the merchant is on air: a public show needs a plan, a rehearsal does not. */
function PlanNeededBanner({ held }: { held: boolean }) {
  const price = `${formatMoney(PLAN.recurringMinor, PLAN.currency)} every ${BILLING_PERIOD_DAYS} days, plus ${formatMoney(PLAN.perShowMinor, PLAN.currency)} for each show that goes live`;
  return held ? (
    <Banner tone="critical" title="Your encoder is connected, but shoppers can’t see you" action={{ content: "Choose a plan", url: "/app/plan" }}>
      <p>{`Going live in public needs the Live Shows plan (${price}). Choose a plan and this show goes on air right away. Rehearsals are free.`}</p>
    </Banner>
  ) : (
    <Banner tone="warning" title="Choose a plan before you go live" action={{ content: "Choose a plan", url: "/app/plan" }}>
      <p>{`This show goes on air when your encoder connects only if your shop has the Live Shows plan (${price}). Without a plan, shoppers won’t see it. Rehearsals are free.`}</p>
    </Banner>
  );
}

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
          : [{ content: "Archive show", loading: archive.state !== "idle", onAction: () => archive.submit({ intent: "archive" }, { method: "post" }) }]
      }
      title={show.title}
      backAction={{ content: "Shows", url: "/app/shows" }}
      titleMetadata={
        <InlineStack gap="200">
          <Badge tone={statusTone(show.status)}>{statusLabel(show.status)}</Badge>
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
                <Text as="p">You are live. Viewers see pinned products as you pin them.</Text>
                <Button tone="critical" loading={end.state !== "idle"} onClick={() => end.submit({ intent: "end_show" }, { method: "post" })}>
                  End show
                </Button>
              </InlineStack>
            </Card>
          </Layout.Section>
        ) : null}
        {show.previewUrl ? (
          <Layout.Section>
            <Banner tone="info" title="Rehearsal">
              <p>Shoppers cannot see this show. Open it on your storefront with this private link (valid for 24 hours):</p>
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
            {show.status === "live" && show.previewStream ? <StreamPreview title={show.title} {...show.previewStream} /> : null}
            <LineupCard show={show} />
            {show.status === "live" || show.status === "scheduled" ? (
              <DealCard
                deal={show.activeDeal}
                live={show.status === "live"}
                planning={{
                  currency: show.currency,
                  timezone: show.timezone,
                  defaults: { title: show.title, durationMinutes: String(show.durationMinutes), lineupPricesMinor: [] },
                }}
              />
            ) : null}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            {show.status === "live" || show.status === "ended" || show.status === "replay_ready" ? (
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
                          {`${Math.floor(chapter.startTime / 60)}:${String(chapter.startTime % 60).padStart(2, "0")} ${chapter.title}`}
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
