// Request bodies the emulator accepts, with Mux's limits. Unknown fields are dropped (as Mux
// ignores them); a wrong type or an out-of-range value is a 400 in Mux's error shape.
import { z } from "zod";

const policy = z.enum(["public", "signed", "drm"]);
/** Mux accepts `playback_policy` as one policy or a list; the SDK always sends a list. */
const policies = z.union([policy, z.array(policy)]).transform((value) => (Array.isArray(value) ? value : [value]));
const passthrough = z.string().max(255);
const latencyMode = z.enum(["low", "reduced", "standard"]);
const reconnectWindow = z.number().min(0).max(1800);
const maxContinuousDuration = z.number().int().min(60).max(43200);
const meta = z.object({ title: z.string().max(512).optional() });

export const newAssetSettingsSchema = z
  .looseObject({
    playback_policy: policies.optional(),
    playback_policies: z.array(policy).optional(),
    passthrough: passthrough.optional(),
    mp4_support: z.enum(["none", "standard", "capped-1080p", "audio-only", "audio-only,capped-1080p"]).optional(),
    master_access: z.enum(["none", "temporary"]).optional(),
    video_quality: z.enum(["basic", "plus", "premium"]).optional(),
    meta: meta.optional(),
  });

export const simulcastTargetSchema = z.object({
  url: z.string().regex(/^rtmps?:\/\/\S+$/, "must be an rtmp:// or rtmps:// URL"),
  stream_key: z.string().max(255).optional(),
  passthrough: passthrough.optional(),
});

export const createLiveStreamSchema = z.object({
  playback_policy: policies.optional(),
  playback_policies: z.array(policy).optional(),
  new_asset_settings: newAssetSettingsSchema.optional(),
  passthrough: passthrough.optional(),
  latency_mode: latencyMode.optional(),
  reconnect_window: reconnectWindow.optional(),
  reconnect_slate_url: z.string().url().optional(),
  use_slate_for_standard_latency: z.boolean().optional(),
  max_continuous_duration: maxContinuousDuration.optional(),
  audio_only: z.boolean().optional(),
  test: z.boolean().optional(),
  meta: meta.optional(),
  simulcast_targets: z.array(simulcastTargetSchema).max(6).optional(),
});

export const updateLiveStreamSchema = z.object({
  passthrough: passthrough.optional(),
  latency_mode: latencyMode.optional(),
  reconnect_window: reconnectWindow.optional(),
  reconnect_slate_url: z.string().url().optional(),
  use_slate_for_standard_latency: z.boolean().optional(),
  max_continuous_duration: maxContinuousDuration.optional(),
  meta: meta.optional(),
  new_asset_settings: newAssetSettingsSchema.optional(),
});

export const createPlaybackIdSchema = z.object({
  policy: policy.default("public"),
});

export type CreateLiveStreamBody = z.output<typeof createLiveStreamSchema>;
export type UpdateLiveStreamBody = z.output<typeof updateLiveStreamSchema>;
export type NewAssetSettingsBody = z.output<typeof newAssetSettingsSchema>;
export type SimulcastTargetBody = z.output<typeof simulcastTargetSchema>;
