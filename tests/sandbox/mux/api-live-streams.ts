// /video/v1/live-streams: the calls @mux/mux-node 15 makes, with Mux's paths, verbs,
// statuses and `{ data }` envelopes.
import type { SandboxRequest } from "../http";
import { invalidParameters, MuxApiError, notFound, parseBody } from "./api-errors";
import { noContent, type ApiHandler } from "./api-route";
import { createLiveStreamSchema, createPlaybackIdSchema, simulcastTargetSchema, updateLiveStreamSchema } from "./api-schemas";
import { ControlError, type LiveLifecycle } from "./live-lifecycle";
import { withPolicies, type MuxStore } from "./store";
import type { LiveStream } from "./types";
import type { WebhookDispatcher } from "./webhook-delivery";
import { liveStreamEvent } from "./webhook-events";

type Route = (method: string, path: string, handler: ApiHandler) => void;

const LIVE = "/video/v1/live-streams";

export function liveStreamRoutes(route: Route, store: MuxStore, lifecycle: LiveLifecycle, webhooks: WebhookDispatcher) {
  const find = (request: SandboxRequest): LiveStream => {
    const stream = store.liveStreams.get(request.params.id ?? "");
    if (!stream) throw notFound();
    return stream;
  };
  /** Lifecycle refusals become Mux-shaped API errors. */
  const control = async (action: () => unknown) => {
    try {
      await action();
    } catch (error) {
      if (error instanceof ControlError && error.status === 404) throw notFound();
      if (error instanceof ControlError) throw new MuxApiError(error.status, "invalid_parameters", [error.message]);
      throw error;
    }
  };

  route("POST", LIVE, (request) => {
    const stream = store.createLiveStream(parseBody(createLiveStreamSchema, request.rawBody));
    webhooks.emit(liveStreamEvent("video.live_stream.created", stream));
    return { status: 201, data: stream };
  });

  route("GET", LIVE, (request) => {
    const query = request.url.searchParams;
    const limit = Math.min(Math.max(Number(query.get("limit") ?? 25) || 25, 1), 100);
    const page = Math.max(Number(query.get("page") ?? 1) || 1, 1);
    const status = query.get("status");
    const key = query.get("stream_key");
    const matching = [...store.liveStreams.values()]
      .filter((stream) => (!status || stream.status === status) && (!key || stream.stream_key === key))
      .reverse(); // Newest first, as Mux lists them.
    return { data: matching.slice((page - 1) * limit, page * limit) };
  });

  route("GET", `${LIVE}/:id`, (request) => ({ data: find(request) }));

  route("PATCH", `${LIVE}/:id`, (request) => {
    const stream = find(request);
    const body = parseBody(updateLiveStreamSchema, request.rawBody);
    const { new_asset_settings, ...rest } = body;
    Object.assign(stream, rest);
    if (new_asset_settings) stream.new_asset_settings = withPolicies({ ...stream.new_asset_settings, ...new_asset_settings });
    webhooks.emit(liveStreamEvent("video.live_stream.updated", stream));
    return { data: stream };
  });

  route("DELETE", `${LIVE}/:id`, async (request) => {
    const stream = find(request);
    await control(() => lifecycle.remove(stream.id));
    return noContent;
  });

  route("POST", `${LIVE}/:id/reset-stream-key`, (request) => {
    const stream = find(request);
    store.resetStreamKey(stream);
    webhooks.emit(liveStreamEvent("video.live_stream.updated", stream));
    return { status: 201, data: stream };
  });

  route("PUT", `${LIVE}/:id/complete`, async (request) => {
    const stream = find(request);
    await control(() => lifecycle.end(stream.id));
    return { data: {} };
  });

  route("PUT", `${LIVE}/:id/disable`, async (request) => {
    const stream = find(request);
    await control(() => lifecycle.disable(stream.id));
    return { data: {} };
  });

  route("PUT", `${LIVE}/:id/enable`, async (request) => {
    const stream = find(request);
    await control(() => lifecycle.enable(stream.id));
    return { data: {} };
  });

  route("POST", `${LIVE}/:id/playback-ids`, (request) => {
    const stream = find(request);
    const { policy } = parseBody(createPlaybackIdSchema, request.rawBody);
    return { status: 201, data: store.addPlaybackId({ type: "live_stream", id: stream.id }, policy) };
  });

  route("GET", `${LIVE}/:id/playback-ids/:playbackId`, (request) => {
    const playback = find(request).playback_ids?.find((candidate) => candidate.id === request.params.playbackId);
    if (!playback) throw notFound();
    return { data: playback };
  });

  route("DELETE", `${LIVE}/:id/playback-ids/:playbackId`, (request) => {
    const stream = find(request);
    if (!store.removePlaybackId({ type: "live_stream", id: stream.id }, request.params.playbackId ?? "")) throw notFound();
    return noContent;
  });

  route("POST", `${LIVE}/:id/simulcast-targets`, (request) => {
    const stream = find(request);
    const body = parseBody(simulcastTargetSchema, request.rawBody);
    // Mux only changes simulcast targets while nothing is being broadcast.
    if (stream.status !== "idle") throw invalidParameters("Simulcast targets can only be added while the live stream is idle.");
    return { status: 201, data: store.addSimulcastTarget(stream, body) };
  });

  route("GET", `${LIVE}/:id/simulcast-targets/:targetId`, (request) => {
    const target = find(request).simulcast_targets?.find((candidate) => candidate.id === request.params.targetId);
    if (!target) throw notFound();
    return { data: target };
  });

  route("DELETE", `${LIVE}/:id/simulcast-targets/:targetId`, (request) => {
    const stream = find(request);
    const targets = stream.simulcast_targets ?? [];
    if (!targets.some((target) => target.id === request.params.targetId)) throw notFound();
    if (stream.status !== "idle") throw invalidParameters("Simulcast targets can only be removed while the live stream is idle.");
    stream.simulcast_targets = targets.filter((target) => target.id !== request.params.targetId);
    return noContent;
  });
}
