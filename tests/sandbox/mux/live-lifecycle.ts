// What happens to a live stream when an encoder connects and leaves, in Mux's order:
// connected → (first segment) recording → asset created → active → asset ready; then
// disconnected → (reconnect window) idle → asset live_stream_completed. A reconnect inside the
// window continues the same recording and asset, as Mux does.
import path from "node:path";
import { FfmpegHlsEncoder, type EncoderSettings } from "./ffmpeg-hls-encoder";
import { Recording } from "./recording";
import type { MuxStore } from "./store";
import type { Asset, LiveStream, SimulcastTarget } from "./types";
import type { WebhookDispatcher } from "./webhook-delivery";
import { assetEvent, liveStreamEvent } from "./webhook-events";

/** A control request that cannot be honoured in the stream's state (answered as HTTP 409/404). */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface LifecycleOptions {
  store: MuxStore;
  webhooks: WebhookDispatcher;
  workDir: string;
  ffmpegPath: string;
  encoderSettings: EncoderSettings;
  /** Overrides every stream's reconnect_window (seconds), e.g. 0 in tests, 5 in a demo. */
  reconnectWindowSeconds?: number;
}

export type EncoderState = "connected" | "reconnect-window" | "offline";

interface Broadcast {
  liveStreamId: string;
  recording: Recording;
  /** Set once the first segment arrived and the stream went active. */
  active: boolean;
  asset?: Asset;
  encoder?: FfmpegHlsEncoder;
  reconnectTimer?: NodeJS.Timeout;
}

/** How long an ended live stream's playlist keeps answering (with ENDLIST) so players stop cleanly. */
const ENDED_PLAYLIST_GRACE_MS = 30_000;

export class LiveLifecycle {
  private readonly broadcasts = new Map<string, Broadcast>();
  private readonly ended = new Map<string, { recording: Recording; endedAt: number }>();
  private readonly assetRecordings = new Map<string, Recording>();
  /** Encoders stopped on purpose, whose exit is not a dropped connection. */
  private readonly stopping = new WeakSet<FfmpegHlsEncoder>();
  private broadcastCount = 0;

  constructor(private readonly options: LifecycleOptions) {}

  encoderState(liveStreamId: string): EncoderState {
    const broadcast = this.broadcasts.get(liveStreamId);
    if (!broadcast) return "offline";
    return broadcast.encoder ? "connected" : "reconnect-window";
  }

  /** The live stream's recording while it is live, or briefly after it ended (`ended`). */
  liveRecording(liveStreamId: string): { recording: Recording; ended: boolean } | undefined {
    const broadcast = this.broadcasts.get(liveStreamId);
    if (broadcast?.active) return { recording: broadcast.recording, ended: false };
    const ended = this.ended.get(liveStreamId);
    if (ended && Date.now() - ended.endedAt < ENDED_PLAYLIST_GRACE_MS) return { recording: ended.recording, ended: true };
    return undefined;
  }

  assetRecording(assetId: string): Recording | undefined {
    return this.assetRecordings.get(assetId);
  }

  /** Starts the encoder; resolves once the stream is recording (and active, on a first connect). */
  async connect(liveStreamId: string): Promise<void> {
    const stream = this.requireStream(liveStreamId);
    if (stream.status === "disabled") throw new ControlError(409, "The live stream is disabled; enable it before connecting an encoder.");
    const resumed = this.broadcasts.get(liveStreamId);
    if (resumed?.encoder) throw new ControlError(409, "An encoder is already connected to this live stream.");
    if (resumed) clearTimeout(resumed.reconnectTimer);
    const broadcast = resumed ?? this.newBroadcast(liveStreamId);

    const take = broadcast.recording.startTake();
    const encoder = FfmpegHlsEncoder.start({ ffmpegPath: this.options.ffmpegPath, dir: take.dir, settings: this.options.encoderSettings });
    broadcast.encoder = encoder;
    encoder.onSegments((segments) => broadcast.recording.updateTake(take.number, segments));
    void encoder.exited.then(() => this.onEncoderExit(broadcast, encoder));
    this.emitStream("video.live_stream.connected", liveStreamId);

    try {
      await encoder.firstSegment();
    } catch (error) {
      if (this.stopping.has(encoder)) return;
      throw new ControlError(500, `The sandbox encoder failed: ${(error as Error).message}`);
    }
    if (this.stopping.has(encoder)) return; // Disconnected while waiting for the first segment.
    this.emitStream("video.live_stream.recording", liveStreamId);
    if (!broadcast.active) this.goActive(broadcast);
    this.setSimulcastStatus(liveStreamId, "broadcasting");
  }

  /** Stops the encoder; the stream goes idle after its reconnect window, or now if `immediate`. */
  async disconnect(liveStreamId: string, { immediate = false } = {}): Promise<void> {
    const broadcast = this.broadcasts.get(liveStreamId);
    if (!broadcast?.encoder) throw new ControlError(409, "No encoder is connected to this live stream.");
    await this.stopEncoder(broadcast);
    this.afterDisconnect(broadcast, immediate);
  }

  /** Ends a reconnect window early: the stream goes idle and the recording is finished now. */
  endReconnectWindow(liveStreamId: string) {
    const broadcast = this.broadcasts.get(liveStreamId);
    if (!broadcast || broadcast.encoder) throw new ControlError(409, "This live stream is not waiting for its encoder to reconnect.");
    this.finish(broadcast);
  }

  /** Mux's `complete`: drop the encoder and finish the recording without waiting. */
  async end(liveStreamId: string): Promise<void> {
    const broadcast = this.broadcasts.get(liveStreamId);
    if (!broadcast) return;
    if (broadcast.encoder) {
      await this.stopEncoder(broadcast);
      this.emitStream("video.live_stream.disconnected", liveStreamId);
    }
    if (broadcast.active) this.finish(broadcast);
    else this.broadcasts.delete(liveStreamId);
  }

  async disable(liveStreamId: string): Promise<void> {
    await this.end(liveStreamId);
    const stream = this.requireStream(liveStreamId);
    stream.status = "disabled";
    this.emitStream("video.live_stream.disabled", liveStreamId);
  }

  enable(liveStreamId: string) {
    const stream = this.requireStream(liveStreamId);
    if (stream.status === "disabled") stream.status = "idle";
    this.emitStream("video.live_stream.enabled", liveStreamId);
  }

  async remove(liveStreamId: string): Promise<void> {
    await this.end(liveStreamId);
    const stream = this.requireStream(liveStreamId);
    this.options.webhooks.emit(liveStreamEvent("video.live_stream.deleted", stream));
    this.options.store.deleteLiveStream(stream);
    this.ended.delete(liveStreamId);
  }

  /** Kills every encoder and cancels every timer. */
  async close(): Promise<void> {
    const encoders = [...this.broadcasts.values()].flatMap((broadcast) => {
      clearTimeout(broadcast.reconnectTimer);
      return broadcast.encoder ? [broadcast.encoder] : [];
    });
    for (const encoder of encoders) this.stopping.add(encoder);
    this.broadcasts.clear();
    await Promise.all(encoders.map((encoder) => encoder.stop()));
  }

  /** Synchronous last resort for process exit: no ffmpeg may outlive the emulator. */
  killEncoders() {
    for (const broadcast of this.broadcasts.values()) broadcast.encoder?.kill();
  }

  private newBroadcast(liveStreamId: string): Broadcast {
    const dir = path.join(this.options.workDir, `broadcast-${++this.broadcastCount}`);
    const broadcast: Broadcast = { liveStreamId, recording: new Recording(dir), active: false };
    this.broadcasts.set(liveStreamId, broadcast);
    return broadcast;
  }

  private goActive(broadcast: Broadcast) {
    const stream = this.options.store.liveStreams.get(broadcast.liveStreamId);
    if (!stream) return;
    broadcast.active = true;
    this.ended.delete(stream.id);
    // Mux records only when the stream asks for it, through new_asset_settings.
    if (stream.new_asset_settings) {
      broadcast.asset = this.options.store.createLiveAsset(stream);
      this.assetRecordings.set(broadcast.asset.id, broadcast.recording);
      this.options.webhooks.emit(assetEvent("video.asset.created", broadcast.asset));
    }
    stream.status = "active";
    this.emitStream("video.live_stream.active", stream.id);
    if (broadcast.asset) {
      // As with Mux, the live asset is ready (playable, still growing) while the stream is live;
      // video.asset.live_stream_completed is the event that says the recording is whole.
      broadcast.asset.status = "ready";
      this.options.webhooks.emit(assetEvent("video.asset.ready", broadcast.asset));
    }
  }

  private async stopEncoder(broadcast: Broadcast) {
    const encoder = broadcast.encoder;
    if (!encoder) return;
    this.stopping.add(encoder);
    broadcast.encoder = undefined;
    await encoder.stop();
  }

  /** ffmpeg went away without being asked: the encoder dropped, as when OBS loses its network. */
  private onEncoderExit(broadcast: Broadcast, encoder: FfmpegHlsEncoder) {
    if (this.stopping.has(encoder) || broadcast.encoder !== encoder) return;
    broadcast.encoder = undefined;
    this.afterDisconnect(broadcast, false);
  }

  private afterDisconnect(broadcast: Broadcast, immediate: boolean) {
    this.emitStream("video.live_stream.disconnected", broadcast.liveStreamId);
    if (!broadcast.active) {
      this.broadcasts.delete(broadcast.liveStreamId); // Never went live: nothing to finish.
      return;
    }
    const stream = this.options.store.liveStreams.get(broadcast.liveStreamId);
    const seconds = this.options.reconnectWindowSeconds ?? stream?.reconnect_window ?? 60;
    if (immediate || seconds <= 0) return this.finish(broadcast);
    broadcast.reconnectTimer = setTimeout(() => this.finish(broadcast), seconds * 1000);
    broadcast.reconnectTimer.unref();
  }

  /** The stream goes idle and its recording becomes a finished asset. */
  private finish(broadcast: Broadcast) {
    clearTimeout(broadcast.reconnectTimer);
    if (this.broadcasts.get(broadcast.liveStreamId) !== broadcast) return;
    this.broadcasts.delete(broadcast.liveStreamId);
    this.ended.set(broadcast.liveStreamId, { recording: broadcast.recording, endedAt: Date.now() });
    const stream = this.options.store.liveStreams.get(broadcast.liveStreamId);
    if (stream) {
      if (stream.status === "active") stream.status = "idle";
      delete stream.active_asset_id;
      this.setSimulcastStatus(stream.id, "idle");
      this.emitStream("video.live_stream.idle", stream.id);
    }
    const asset = broadcast.asset && this.options.store.assets.get(broadcast.asset.id);
    if (!asset) return;
    const { fps, width, height } = this.options.encoderSettings;
    const duration = broadcast.recording.duration();
    Object.assign(asset, {
      status: "ready",
      is_live: false,
      duration,
      progress: { state: "completed", progress: 100 },
      recording_times: broadcast.recording.recordingTimes(),
      max_stored_frame_rate: fps,
      tracks: [
        { id: `${asset.id}-video`, type: "video", duration, max_width: width, max_height: height, max_frame_rate: fps },
        { id: `${asset.id}-audio`, type: "audio", duration, max_channels: 2 },
      ],
    } satisfies Partial<Asset>);
    this.options.webhooks.emit(assetEvent("video.asset.live_stream_completed", asset));
  }

  private setSimulcastStatus(liveStreamId: string, status: SimulcastTarget["status"]) {
    for (const target of this.options.store.liveStreams.get(liveStreamId)?.simulcast_targets ?? []) target.status = status;
  }

  private emitStream(type: `video.live_stream.${string}`, liveStreamId: string) {
    const stream = this.options.store.liveStreams.get(liveStreamId);
    if (stream) this.options.webhooks.emit(liveStreamEvent(type, stream));
  }

  private requireStream(liveStreamId: string): LiveStream {
    const stream = this.options.store.liveStreams.get(liveStreamId);
    if (!stream) throw new ControlError(404, `No live stream ${liveStreamId}.`);
    return stream;
  }
}
