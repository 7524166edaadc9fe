import { useFetcher } from "@remix-run/react";
import { Banner, Button, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { isShowOver, liveControlRefusal } from "~/shows/show-controls";
import { SectionCard } from "../SectionCard";
import type { CommandResult, ShowView } from "./types";

export function StreamKeyCard({ show }: { show: ShowView }) {
  const reveal = useFetcher<CommandResult>();
  const reset = useFetcher<CommandResult>();
  const [confirmingReset, setConfirmingReset] = useState(false);
  const streamKey = reset.data?.streamKey ?? reveal.data?.streamKey;
  const failure = [reveal.data, reset.data].find(
    (data) => data && !data.ok
  )?.message;

  if (isShowOver(show.status)) {
    return (
      <SectionCard title="Stream settings">
        <Text as="p">{show.status === "archived" ? "This show is archived; its stream is closed." : "The stream has ended."}</Text>
      </SectionCard>
    );
  }
  if (!show.hasStream) return <CreateStreamCard />;
  // While live the old key is what the encoder on air uses: a new one would cut the broadcast.
  const resetRefusal = liveControlRefusal("reset_key", show.status);
  return (
    <SectionCard title="Stream settings">
      <Text as="p" tone="subdued">
        Enter these in OBS or your phone encoder. Keep the stream key secret:
        anyone with it can broadcast as your show.
      </Text>
      {failure ? <Banner tone="critical">{failure}</Banner> : null}
      <TextField
        label="Server (RTMPS URL)"
        value={show.ingestUrl}
        readOnly
        autoComplete="off"
      />
      <TextField
        label="Stream key"
        value={streamKey ?? "••••••••••••••••••••"}
        readOnly
        autoComplete="off"
        connectedRight={
          streamKey ? (
            <Button onClick={() => navigator.clipboard?.writeText(streamKey)}>
              Copy
            </Button>
          ) : (
            <Button
              loading={reveal.state !== "idle"}
              onClick={() =>
                reveal.submit({ intent: "reveal_key" }, { method: "post" })
              }
            >
              Reveal
            </Button>
          )
        }
      />
      {confirmingReset && resetRefusal === null ? (
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
          secondaryAction={{
            content: "Cancel",
            onAction: () => setConfirmingReset(false),
          }}
        >
          An encoder using the old key is disconnected and must be given the new
          one.
        </Banner>
      ) : (
        <InlineStack gap="200" blockAlign="center">
          <Button
            variant="plain"
            tone="critical"
            disabled={resetRefusal !== null}
            ariaDescribedBy={resetRefusal ? "reset-key-refusal" : undefined}
            onClick={() => setConfirmingReset(true)}
          >
            Reset stream key
          </Button>
          {resetRefusal ? (
            <Text as="p" tone="subdued" id="reset-key-refusal">
              {resetRefusal}
            </Text>
          ) : null}
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

function CreateStreamCard() {
  const create = useFetcher<CommandResult>();
  return (
    <SectionCard title="Stream settings">
      <Text as="p">This show has no live stream yet.</Text>
      {create.data && !create.data.ok ? (
        <Banner tone="critical">{create.data.message}</Banner>
      ) : null}
      <InlineStack>
        <Button
          loading={create.state !== "idle"}
          onClick={() =>
            create.submit({ intent: "create_stream" }, { method: "post" })
          }
        >
          Create live stream
        </Button>
      </InlineStack>
    </SectionCard>
  );
}
