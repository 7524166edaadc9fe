// The emulator's state: live streams and assets kept in the exact shape the API returns, and
// an index from playback id to what it plays. Everything lives in memory for one emulator.
import { playbackId as newPlaybackId, resourceId, streamKey as newStreamKey } from "./ids";
import type { CreateLiveStreamBody, SimulcastTargetBody } from "./api-schemas";
import type { Asset, LiveStream, PlaybackId, PlaybackOwner, PlaybackPolicy, SimulcastTarget } from "./types";

/** Mux keeps the ids of a live stream's most recent recordings; the API shows the last few. */
const RECENT_ASSETS_KEPT = 10;

/** Mux waits 60 s for a standard-latency stream's encoder to come back, and not at all for reduced or low latency (docs: "Handle live stream disconnects"). */
const defaultReconnectWindow = (latencyMode: string) => (latencyMode === "standard" ? 60 : 0);

export const unixSeconds = (ms = Date.now()) => String(Math.floor(ms / 1000));

export class MuxStore {
  readonly liveStreams = new Map<string, LiveStream>();
  readonly assets = new Map<string, Asset>();
  private readonly playbackIndex = new Map<string, PlaybackOwner>();

  createLiveStream(body: CreateLiveStreamBody): LiveStream {
    const stream: LiveStream = {
      id: resourceId(),
      stream_key: newStreamKey(),
      status: "idle",
      created_at: unixSeconds(),
      latency_mode: body.latency_mode ?? "standard",
      max_continuous_duration: body.max_continuous_duration ?? 43200,
      reconnect_window: body.reconnect_window ?? defaultReconnectWindow(body.latency_mode ?? "standard"),
      playback_ids: [],
    };
    if (body.passthrough !== undefined) stream.passthrough = body.passthrough;
    if (body.new_asset_settings) stream.new_asset_settings = withPolicies(body.new_asset_settings);
    if (body.reconnect_slate_url) stream.reconnect_slate_url = body.reconnect_slate_url;
    if (body.use_slate_for_standard_latency !== undefined) stream.use_slate_for_standard_latency = body.use_slate_for_standard_latency;
    if (body.audio_only) stream.audio_only = true;
    if (body.test) stream.test = true;
    if (body.meta) stream.meta = body.meta;
    this.liveStreams.set(stream.id, stream);
    for (const target of body.simulcast_targets ?? []) this.addSimulcastTarget(stream, target);
    for (const policy of body.playback_policies ?? body.playback_policy ?? []) {
      this.addPlaybackId({ type: "live_stream", id: stream.id }, policy);
    }
    return stream;
  }

  liveStreamByKey(key: string): LiveStream | undefined {
    for (const stream of this.liveStreams.values()) if (stream.stream_key === key) return stream;
    return undefined;
  }

  resetStreamKey(stream: LiveStream) {
    stream.stream_key = newStreamKey();
  }

  addSimulcastTarget(stream: LiveStream, body: SimulcastTargetBody): SimulcastTarget {
    const target: SimulcastTarget = { id: resourceId(), status: "idle", url: body.url };
    if (body.stream_key !== undefined) target.stream_key = body.stream_key;
    if (body.passthrough !== undefined) target.passthrough = body.passthrough;
    stream.simulcast_targets = [...(stream.simulcast_targets ?? []), target];
    return target;
  }

  deleteLiveStream(stream: LiveStream) {
    for (const { id } of stream.playback_ids ?? []) this.playbackIndex.delete(id);
    this.liveStreams.delete(stream.id);
  }

  /** The recording asset a live stream makes when it goes active, from its new_asset_settings. */
  createLiveAsset(stream: LiveStream): Asset {
    const settings = stream.new_asset_settings ?? {};
    const asset: Asset = {
      id: resourceId(),
      created_at: unixSeconds(),
      status: "preparing",
      live_stream_id: stream.id,
      is_live: true,
      ingest_type: "live_rtmp",
      encoding_tier: "smart",
      video_quality: settings.video_quality ?? "basic",
      master_access: settings.master_access ?? "none",
      mp4_support: settings.mp4_support ?? "none",
      max_resolution_tier: "1080p",
      resolution_tier: "720p",
      max_stored_resolution: "SD",
      aspect_ratio: "16:9",
      progress: { state: "live", progress: -1 },
      playback_ids: [],
      recording_times: [],
    };
    if (settings.passthrough !== undefined) asset.passthrough = settings.passthrough;
    if (stream.test) asset.test = true;
    this.assets.set(asset.id, asset);
    for (const policy of settings.playback_policies ?? []) this.addPlaybackId({ type: "asset", id: asset.id }, policy);
    stream.active_asset_id = asset.id;
    stream.recent_asset_ids = [...(stream.recent_asset_ids ?? []), asset.id].slice(-RECENT_ASSETS_KEPT);
    return asset;
  }

  deleteAsset(asset: Asset) {
    for (const { id } of asset.playback_ids ?? []) this.playbackIndex.delete(id);
    this.assets.delete(asset.id);
  }

  addPlaybackId(owner: PlaybackOwner, policy: PlaybackPolicy): PlaybackId {
    const target = this.ownerRecord(owner);
    if (!target) throw new Error(`No ${owner.type} ${owner.id}`);
    const playback: PlaybackId = { id: newPlaybackId(), policy };
    target.playback_ids = [...(target.playback_ids ?? []), playback];
    this.playbackIndex.set(playback.id, owner);
    return playback;
  }

  removePlaybackId(owner: PlaybackOwner, id: string): boolean {
    const target = this.ownerRecord(owner);
    if (!target?.playback_ids?.some((playback) => playback.id === id)) return false;
    target.playback_ids = target.playback_ids.filter((playback) => playback.id !== id);
    this.playbackIndex.delete(id);
    return true;
  }

  /** What a playback id plays, with its policy; undefined once deleted or never made. */
  findPlayback(id: string): { owner: PlaybackOwner; playback: PlaybackId } | undefined {
    const owner = this.playbackIndex.get(id);
    const playback = owner && this.ownerRecord(owner)?.playback_ids?.find((candidate) => candidate.id === id);
    return owner && playback ? { owner, playback } : undefined;
  }

  private ownerRecord(owner: PlaybackOwner): LiveStream | Asset | undefined {
    return owner.type === "live_stream" ? this.liveStreams.get(owner.id) : this.assets.get(owner.id);
  }
}

/**
 * Mux answers with `playback_policies` whichever spelling the request used, so settings
 * created with the older `playback_policy` still say which playback ids the recording gets.
 */
export function withPolicies<T extends { playback_policy?: PlaybackPolicy[]; playback_policies?: PlaybackPolicy[] }>(settings: T): T {
  const policies = settings.playback_policies ?? settings.playback_policy;
  return policies ? { ...settings, playback_policies: policies } : settings;
}
