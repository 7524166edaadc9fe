// The only module that talks to Mux. Everything else speaks in shows, not live streams.
import Mux from "@mux/mux-node";
import { env } from "~/env.server";
import { ExplainedError } from "~/lib/explained-error";
import type { SignedWebhook } from "~/http/signed-webhook";

/** Where an encoder (OBS, a phone app) sends the show. Mux ingests RTMPS on this URL. */
export const MUX_RTMPS_URL = "rtmps://global-live.mux.com:443/app";

let client: Mux | undefined;

function mux(): Mux {
  const config = env();
  client ??= new Mux({
    tokenId: config.MUX_TOKEN_ID,
    tokenSecret: config.MUX_TOKEN_SECRET,
    webhookSecret: config.MUX_WEBHOOK_SECRET,
    ...(config.MUX_BASE_URL ? { baseURL: config.MUX_BASE_URL } : {}),
    maxRetries: 2,
    timeout: 15_000,
  });
  return client;
}

/** Mux failed or refused: the merchant reads what could not be done; the log gets Mux's answer. */
export class VideoServiceError extends ExplainedError {
  constructor(action: string, cause: unknown) {
    super(`Mux could not ${action} just now; try again in a moment.`, { message: `Mux could not ${action}: ${cause instanceof Error ? cause.message : String(cause)}`, cause });
    this.name = "VideoServiceError";
  }
}

async function call<T>(action: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw new VideoServiceError(action, error);
  }
}

export interface SimulcastTarget {
  url: string;
  streamKey: string;
  label: string;
}

export interface LiveStreamDetails {
  liveStreamId: string;
  streamKey: string;
  playbackId: string;
  status: string;
}

function details(stream: Mux.Video.LiveStream): LiveStreamDetails {
  return {
    liveStreamId: stream.id,
    streamKey: stream.stream_key,
    playbackId: stream.playback_ids?.[0]?.id ?? "",
    status: stream.status,
  };
}

/**
 * One live stream per show: low latency, a reconnect window so a dropped phone connection
 * doesn't end the show, and the recording kept as a public asset for the shoppable replay.
 */
export async function createShowLiveStream(showId: string, simulcastTargets: SimulcastTarget[] = []): Promise<LiveStreamDetails> {
  const stream = await call("create the live stream", () =>
    mux().video.liveStreams.create({
      playback_policies: ["public"],
      new_asset_settings: { playback_policies: ["public"], passthrough: showId },
      latency_mode: "low",
      reconnect_window: 60,
      passthrough: showId,
      simulcast_targets: simulcastTargets.map((target) => ({ url: target.url, stream_key: target.streamKey, passthrough: target.label })),
    }),
  );
  return details(stream);
}

export async function getLiveStream(liveStreamId: string): Promise<LiveStreamDetails> {
  return details(await call("read the live stream", () => mux().video.liveStreams.retrieve(liveStreamId)));
}

export async function resetStreamKey(liveStreamId: string): Promise<LiveStreamDetails> {
  return details(await call("reset the stream key", () => mux().video.liveStreams.resetStreamKey(liveStreamId)));
}

/** Ends the broadcast now instead of waiting out the reconnect window. */
export async function completeLiveStream(liveStreamId: string): Promise<void> {
  await call("end the live stream", () => mux().video.liveStreams.complete(liveStreamId));
}

/** Refuses encoders from now on; a broadcast under way ends, as `complete` would end it. */
export async function disableLiveStream(liveStreamId: string): Promise<void> {
  await call("disable the live stream", () => mux().video.liveStreams.disable(liveStreamId));
}

export async function enableLiveStream(liveStreamId: string): Promise<void> {
  await call("enable the live stream", () => mux().video.liveStreams.enable(liveStreamId));
}

/**
 * Verifies `mux-signature` (401 when missing, forged or older than Mux's 5-minute tolerance), then
 * reads the body (400 when a signed body is not JSON).
 */
export async function readMuxWebhook(rawBody: string, headers: Headers): Promise<SignedWebhook<unknown>> {
  try {
    await mux().webhooks.verifySignature(rawBody, headers, env().MUX_WEBHOOK_SECRET);
  } catch (error) {
    return { ok: false, status: 401, reason: `Invalid mux-signature: ${(error as Error).message}` };
  }
  try {
    return { ok: true, event: JSON.parse(rawBody) as unknown };
  } catch {
    return { ok: false, status: 400, reason: "Mux event: the body is not JSON" };
  }
}
