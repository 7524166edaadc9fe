// /video/v1/assets (the recordings live streams make) and /video/v1/playback-ids.
import type { SandboxRequest } from "../http";
import { notFound, parseBody } from "./api-errors";
import { noContent, type ApiHandler } from "./api-route";
import { createPlaybackIdSchema } from "./api-schemas";
import type { MuxStore } from "./store";
import type { Asset } from "./types";
import type { WebhookDispatcher } from "./webhook-delivery";
import { assetEvent } from "./webhook-events";

type Route = (method: string, path: string, handler: ApiHandler) => void;

const ASSETS = "/video/v1/assets";

export function assetRoutes(route: Route, store: MuxStore, webhooks: WebhookDispatcher) {
  const find = (request: SandboxRequest): Asset => {
    const asset = store.assets.get(request.params.id ?? "");
    if (!asset) throw notFound();
    return asset;
  };

  // The SDK pages assets with a cursor: `next_cursor` names the next page, null on the last.
  route("GET", ASSETS, (request) => {
    const query = request.url.searchParams;
    const limit = Math.min(Math.max(Number(query.get("limit") ?? 25) || 25, 1), 100);
    const liveStreamId = query.get("live_stream_id");
    const all = [...store.assets.values()].filter((asset) => !liveStreamId || asset.live_stream_id === liveStreamId).reverse();
    const start = Math.max(0, Number(query.get("cursor") ?? 0) || 0);
    const page = all.slice(start, start + limit);
    const next = start + limit < all.length ? String(start + limit) : null;
    return { data: page, alongside: { next_cursor: next } };
  });

  route("GET", `${ASSETS}/:id`, (request) => ({ data: find(request) }));

  route("DELETE", `${ASSETS}/:id`, (request) => {
    const asset = find(request);
    store.deleteAsset(asset);
    webhooks.emit(assetEvent("video.asset.deleted", asset));
    return noContent;
  });

  route("POST", `${ASSETS}/:id/playback-ids`, (request) => {
    const asset = find(request);
    const { policy } = parseBody(createPlaybackIdSchema, request.rawBody);
    return { status: 201, data: store.addPlaybackId({ type: "asset", id: asset.id }, policy) };
  });

  route("GET", `${ASSETS}/:id/playback-ids/:playbackId`, (request) => {
    const playback = find(request).playback_ids?.find((candidate) => candidate.id === request.params.playbackId);
    if (!playback) throw notFound();
    return { data: playback };
  });

  route("DELETE", `${ASSETS}/:id/playback-ids/:playbackId`, (request) => {
    const asset = find(request);
    if (!store.removePlaybackId({ type: "asset", id: asset.id }, request.params.playbackId ?? "")) throw notFound();
    return noContent;
  });

  route("GET", "/video/v1/playback-ids/:playbackId", (request) => {
    const found = store.findPlayback(request.params.playbackId ?? "");
    if (!found) throw notFound();
    return { data: { ...found.playback, object: found.owner } };
  });
}
