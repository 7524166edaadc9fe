// The Mux emulator: the Video API @mux/mux-node calls, signed webhooks, a simulated encoder
// that turns an ffmpeg test pattern into a real HLS live stream, and the playback/image
// origins that serve it. The app reaches it only over HTTP (MUX_BASE_URL and the playback
// origins from `appEnv()`), exactly as it reaches Mux.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sandboxMux } from "../config";
import { Router, sendJson, startHttpServer } from "../http";
import { assetRoutes } from "./api-assets";
import { FaultSwitch, type FaultStatus } from "./api-faults";
import { liveStreamRoutes } from "./api-live-streams";
import { apiRoutes } from "./api-route";
import { controlRoutes } from "./control-routes";
import { ffmpegBinary } from "./ffmpeg-binary";
import { DEFAULT_ENCODER_SETTINGS, type EncoderSettings } from "./ffmpeg-hls-encoder";
import { LiveLifecycle, type EncoderState } from "./live-lifecycle";
import { playbackRoutes } from "./playback-routes";
import { MuxStore } from "./store";
import { Thumbnails, type ImageFormat } from "./thumbnails";
import type { Asset, LiveStream } from "./types";
import { WebhookDispatcher, type DeliveryRecord } from "./webhook-delivery";
import type { MuxWebhookEvent } from "./webhook-events";

export type { Asset, LiveStream } from "./types";
export type { DeliveryRecord } from "./webhook-delivery";
export type { MuxWebhookEvent } from "./webhook-events";
export type { EncoderSettings } from "./ffmpeg-hls-encoder";
export { muxSignatureHeader } from "./webhook-signature";

export interface MuxEmulatorOptions {
  port?: number;
  /** Where webhooks go (the app's /webhooks/mux); can be set later with `webhooks.setUrl`. */
  webhookUrl?: string;
  webhookSecret?: string;
  tokenId?: string;
  tokenSecret?: string;
  /** The origin browsers use for playback and posters, when it differs from `url`. */
  publicOrigin?: string;
  /** Overrides every stream's reconnect_window (seconds): 0 goes idle as soon as the encoder leaves. */
  reconnectWindowSeconds?: number;
  webhookAttempts?: number;
  webhookBackoffMs?: number;
  encoder?: Partial<EncoderSettings>;
  ffmpegPath?: string;
  /** The world's clock for webhooks (default: the machine's), for a test that moves every sandbox's time at once. */
  now?: () => Date;
}

export interface MuxEmulator {
  /** The API origin: give it to the SDK as `baseURL` (or MUX_BASE_URL). */
  url: string;
  publicOrigin: string;
  /** The app's Mux variables for this emulator. */
  appEnv(): Record<"MUX_BASE_URL" | "MUX_TOKEN_ID" | "MUX_TOKEN_SECRET" | "MUX_WEBHOOK_SECRET" | "MUX_STREAM_URL" | "MUX_IMAGE_URL", string>;
  /** Starts the test-pattern encoder; resolves once the stream is recording (and active). */
  connectEncoder(liveStreamId: string): Promise<void>;
  connectEncoderWithStreamKey(streamKey: string): Promise<void>;
  /** Stops the encoder; `immediate` skips the reconnect window (idle and recording finished now). */
  disconnectEncoder(liveStreamId: string, options?: { immediate?: boolean }): Promise<void>;
  endReconnectWindow(liveStreamId: string): void;
  encoderState(liveStreamId: string): EncoderState;
  playbackUrl(playbackId: string): string;
  posterUrl(playbackId: string, format?: ImageFormat): string;
  /** The next `count` API calls answer `status` (500 or 429) in Mux's error shape. */
  failNextApiCalls(count: number, status: FaultStatus): void;
  clearFaults(): void;
  webhooks: {
    setUrl(url: string | undefined): void;
    /** Resolves once every queued delivery succeeded or ran out of attempts. */
    settled(): Promise<void>;
    /** Holds back every delivery from now until the returned function runs (webhooks that arrive late). */
    hold(): () => void;
    log(): DeliveryRecord[];
    events(): MuxWebhookEvent[];
    onEvent(listener: (event: MuxWebhookEvent) => void): () => void;
  };
  liveStream(id: string): LiveStream | undefined;
  liveStreams(): LiveStream[];
  asset(id: string): Asset | undefined;
  close(): Promise<void>;
}

export async function startMuxEmulator(options: MuxEmulatorOptions = {}): Promise<MuxEmulator> {
  const credentials = { tokenId: options.tokenId ?? sandboxMux.tokenId, tokenSecret: options.tokenSecret ?? sandboxMux.tokenSecret };
  const webhookSecret = options.webhookSecret ?? sandboxMux.webhookSecret;
  const settings: EncoderSettings = { ...DEFAULT_ENCODER_SETTINGS, ...options.encoder };
  const ffmpegPath = options.ffmpegPath ?? ffmpegBinary();
  const workDir = mkdtempSync(path.join(os.tmpdir(), "mux-sandbox-"));

  const store = new MuxStore();
  const faults = new FaultSwitch();
  const webhooks = new WebhookDispatcher({
    url: options.webhookUrl,
    secret: webhookSecret,
    maxAttempts: options.webhookAttempts,
    backoffMs: options.webhookBackoffMs,
    now: options.now,
  });
  const lifecycle = new LiveLifecycle({
    store,
    webhooks,
    workDir,
    ffmpegPath,
    encoderSettings: settings,
    reconnectWindowSeconds: options.reconnectWindowSeconds,
  });
  const thumbnails = new Thumbnails(ffmpegPath, settings);

  const router = new Router();
  const api = apiRoutes(router, credentials, faults);
  liveStreamRoutes(api, store, lifecycle, webhooks);
  assetRoutes(api, store, webhooks);
  router.add("*", "/video/v1/*", (_request, response) =>
    sendJson(response, 404, { error: { type: "not_found", messages: ["The sandbox has no such Mux endpoint."] } }),
  );

  // Playback URLs are only known once the port is; the routes read them lazily.
  let publicOrigin = options.publicOrigin ?? "";
  const playbackUrl = (playbackId: string) => `${publicOrigin}/stream/${encodeURIComponent(playbackId)}.m3u8`;
  const posterUrl = (playbackId: string, format: ImageFormat = "jpg") => `${publicOrigin}/thumbnail/${encodeURIComponent(playbackId)}.${format}`;
  playbackRoutes(router, { store, lifecycle, thumbnails, settings });
  controlRoutes(router, { store, lifecycle, webhooks, faults, playbackUrl, posterUrl: (id) => posterUrl(id) });

  const server = await startHttpServer(router, { port: options.port, name: "mux" });
  publicOrigin ||= server.url;

  // No ffmpeg may outlive the process that started it, even when close() is never called.
  const killOnExit = () => lifecycle.killEncoders();
  process.on("exit", killOnExit);

  let closed: Promise<void> | undefined;
  return {
    url: server.url,
    publicOrigin,
    appEnv: () => ({
      MUX_BASE_URL: server.url,
      MUX_TOKEN_ID: credentials.tokenId,
      MUX_TOKEN_SECRET: credentials.tokenSecret,
      MUX_WEBHOOK_SECRET: webhookSecret,
      MUX_STREAM_URL: `${publicOrigin}/stream`,
      MUX_IMAGE_URL: `${publicOrigin}/image`,
    }),
    connectEncoder: (id) => lifecycle.connect(id),
    connectEncoderWithStreamKey: (key) => {
      const stream = store.liveStreamByKey(key);
      return stream ? lifecycle.connect(stream.id) : Promise.reject(new Error("No live stream has this stream key."));
    },
    disconnectEncoder: (id, disconnectOptions) => lifecycle.disconnect(id, disconnectOptions),
    endReconnectWindow: (id) => lifecycle.endReconnectWindow(id),
    encoderState: (id) => lifecycle.encoderState(id),
    playbackUrl,
    posterUrl,
    failNextApiCalls: (count, status) => faults.failNext(count, status),
    clearFaults: () => faults.clear(),
    webhooks: {
      setUrl: (url) => webhooks.setUrl(url),
      settled: () => webhooks.settled(),
      hold: () => webhooks.hold(),
      log: () => webhooks.log(),
      events: () => webhooks.events(),
      onEvent: (listener) => webhooks.onEvent(listener),
    },
    liveStream: (id) => structuredClone(store.liveStreams.get(id)),
    liveStreams: () => structuredClone([...store.liveStreams.values()]),
    asset: (id) => structuredClone(store.assets.get(id)),
    close: () =>
      (closed ??= (async () => {
        webhooks.close();
        await lifecycle.close();
        await server.close();
        process.off("exit", killOnExit);
        rmSync(workDir, { recursive: true, force: true });
      })()),
  };
}
