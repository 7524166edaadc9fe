// The encoder in words, beside the show's status: Mux tells of it before the show goes live and
// while it is live, and a live show whose picture stopped needs the merchant to act before the
// reconnect window runs out.
import { Badge, Banner, Box } from "@shopify/polaris";
import type { EncoderEventData } from "~/realtime/events";
import type { EncoderState } from "~/shows/encoder-state";
import type { ShowStatus } from "~/shows/lifecycle";

type Shown = "connecting" | "reconnecting" | "live" | "dropped";

/** What the page says of the encoder; nothing once the show is over, or before an encoder ever connected. */
function shown(status: ShowStatus, state: EncoderState): Shown | null {
  if (status === "live") {
    if (state === "disconnected") return "dropped";
    if (state === "connecting") return "reconnecting";
    return state === "live" ? "live" : null;
  }
  if (status === "draft" || status === "scheduled") {
    // A plan hold keeps a connected encoder off air: it is live, the show not (PlanNeededBanner says why).
    if (state === "connecting" || state === "live") return state;
  }
  return null;
}

const BADGES: Record<Shown, { label: string; tone: "attention" | "success" | "warning" }> = {
  connecting: { label: "Encoder connecting", tone: "attention" },
  reconnecting: { label: "Encoder reconnecting", tone: "attention" },
  live: { label: "Encoder live", tone: "success" },
  dropped: { label: "Encoder dropped", tone: "warning" },
};

export function EncoderBadge({ status, encoder }: { status: ShowStatus; encoder: EncoderEventData }) {
  const state = shown(status, encoder.state as EncoderState);
  return state ? <Badge tone={BADGES[state].tone}>{BADGES[state].label}</Badge> : null;
}

/** Announced as it changes (a live region that is always there), like the connection notice. */
export function EncoderBanner({ status, encoder }: { status: ShowStatus; encoder: EncoderEventData }) {
  const state = shown(status, encoder.state as EncoderState);
  return (
    <div role="status">
      {state === "connecting" ? (
        <Box paddingBlockEnd="400">
          <Banner tone="info" title="Encoder connected — going live in a moment">
            <p>The show goes live as soon as the first video reaches Mux, usually within a few seconds.</p>
          </Banner>
        </Box>
      ) : null}
      {state === "reconnecting" ? (
        <Box paddingBlockEnd="400">
          <Banner tone="info" title="Encoder reconnected — the picture is back in a moment">
            <p>Viewers see the show again as soon as the video reaches Mux.</p>
          </Banner>
        </Box>
      ) : null}
      {state === "dropped" ? (
        <Box paddingBlockEnd="400">
          <Banner tone="warning" title="The encoder dropped">
            <p>
              {encoder.reconnectUntilLabel
                ? `Viewers see a pause; the show stays live until ${encoder.reconnectUntilLabel} if it reconnects.`
                : "Viewers see a pause; the show ends unless the encoder reconnects right away."}{" "}
              Restart the stream in your streaming software (OBS, your phone) with the same stream key.
            </p>
          </Banner>
        </Box>
      ) : null}
    </div>
  );
}
