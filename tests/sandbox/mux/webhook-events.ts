// The envelope Mux wraps every webhook in. `data` is a snapshot of the object at the moment
// the event happened, so later changes to the stream do not rewrite history.
import { eventId } from "./ids";
import type { Asset, LiveStream } from "./types";

export interface MuxWebhookAttempt {
  id: string;
  address: string;
  created_at: string;
  max_attempts: number;
  response_status_code: number | null;
  response_body: string | null;
  response_headers: Record<string, string>;
  webhook_id: number;
}

export interface MuxWebhookEvent {
  type: string;
  id: string;
  created_at: string;
  object: { type: "live" | "asset" | "simulcast_target"; id: string };
  environment: { name: string; id: string };
  data: unknown;
  accessor_source: string | null;
  accessor: string | null;
  request_id: string | null;
  attempts: MuxWebhookAttempt[];
}

export const SANDBOX_ENVIRONMENT = { name: "Sandbox", id: "sandbox-env" } as const;

export function buildWebhookEvent(type: string, object: MuxWebhookEvent["object"], data: unknown): MuxWebhookEvent {
  return {
    type,
    id: eventId(),
    created_at: new Date().toISOString(),
    object,
    environment: { ...SANDBOX_ENVIRONMENT },
    data: structuredClone(data),
    accessor_source: null,
    accessor: null,
    request_id: null,
    attempts: [],
  };
}

export const liveStreamEvent = (type: `video.live_stream.${string}`, stream: LiveStream) =>
  buildWebhookEvent(type, { type: "live", id: stream.id }, stream);

export const assetEvent = (type: `video.asset.${string}`, asset: Asset) => buildWebhookEvent(type, { type: "asset", id: asset.id }, asset);
