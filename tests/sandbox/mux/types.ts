// The emulator stores and returns exactly the shapes @mux/mux-node declares, so a field the
// SDK (generated from Mux's OpenAPI spec) does not know fails type-checking here.
import type Mux from "@mux/mux-node";

export type LiveStream = Mux.Video.LiveStream;
export type SimulcastTarget = Mux.Video.SimulcastTarget;
export type Asset = Mux.Video.Asset;
export type PlaybackId = NonNullable<LiveStream["playback_ids"]>[number];
export type PlaybackPolicy = PlaybackId["policy"];

/** What a playback id plays: Mux's own vocabulary from GET /video/v1/playback-ids/:id. */
export interface PlaybackOwner {
  type: "live_stream" | "asset";
  id: string;
}
