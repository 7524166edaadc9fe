// JSON control endpoints under /__sandbox/mux (the encoder switch, faults, webhook log) and
// the HTML page at /__sandbox/mux. Unauthenticated: the sandbox only listens on loopback.
import type { ServerResponse } from "node:http";
import { readJson, sendJson, sendText, type Router, type SandboxRequest } from "../http";
import type { FaultSwitch } from "./api-faults";
import { renderControlPage, type ControlRow } from "./control-page";
import { ControlError, type LiveLifecycle } from "./live-lifecycle";
import type { MuxStore } from "./store";
import type { WebhookDispatcher } from "./webhook-delivery";

export interface ControlDeps {
  store: MuxStore;
  lifecycle: LiveLifecycle;
  webhooks: WebhookDispatcher;
  faults: FaultSwitch;
  playbackUrl(playbackId: string): string;
  posterUrl(playbackId: string): string;
}

const BASE = "/__sandbox/mux";

export function controlRows({ store, lifecycle, playbackUrl, posterUrl }: ControlDeps): ControlRow[] {
  return [...store.liveStreams.values()].reverse().map((stream) => {
    const publicId = stream.playback_ids?.find((playback) => playback.policy === "public")?.id;
    return {
      id: stream.id,
      passthrough: stream.passthrough,
      status: stream.status,
      encoder: lifecycle.encoderState(stream.id),
      streamKeyHint: stream.stream_key.slice(-4),
      playbackUrl: publicId && playbackUrl(publicId),
      posterUrl: publicId && posterUrl(publicId),
      assets: (stream.recent_asset_ids ?? []).flatMap((assetId) => {
        const asset = store.assets.get(assetId);
        if (!asset) return [];
        const assetPlayback = asset.playback_ids?.find((playback) => playback.policy === "public")?.id;
        return [{ id: asset.id, status: asset.status, playbackUrl: assetPlayback && playbackUrl(assetPlayback) }];
      }),
    };
  });
}

export function controlRoutes(router: Router, deps: ControlDeps) {
  const { store, lifecycle, webhooks, faults } = deps;

  const act = (action: (request: SandboxRequest) => Promise<unknown> | unknown) => async (request: SandboxRequest, response: ServerResponse) => {
    try {
      const result = await action(request);
      sendJson(response, 200, result ?? { ok: true });
    } catch (error) {
      if (!(error instanceof ControlError)) throw error;
      sendJson(response, error.status, { error: error.message });
    }
  };
  const streamIdFromKey = (key: string) => {
    const stream = store.liveStreamByKey(key);
    if (!stream) throw new ControlError(404, "No live stream has this stream key (was it reset?).");
    return stream.id;
  };

  router.add("GET", BASE, (_request, response) => sendText(response, 200, renderControlPage(controlRows(deps))));
  router.add("GET", `${BASE}/live-streams`, (_request, response) => sendJson(response, 200, { data: controlRows(deps) }));

  router.add("POST", `${BASE}/live-streams/:id/connect`, act((request) => lifecycle.connect(request.params.id ?? "")));
  router.add(
    "POST",
    `${BASE}/live-streams/:id/disconnect`,
    act((request) => lifecycle.disconnect(request.params.id ?? "", { immediate: readJson<{ immediate?: boolean }>(request).immediate === true })),
  );
  router.add("POST", `${BASE}/live-streams/:id/end-reconnect-window`, act((request) => lifecycle.endReconnectWindow(request.params.id ?? "")));
  // What a real encoder has: the stream key, not the id.
  router.add("POST", `${BASE}/stream-keys/:key/connect`, act((request) => lifecycle.connect(streamIdFromKey(request.params.key ?? ""))));

  router.add(
    "POST",
    `${BASE}/faults`,
    act((request) => {
      const { status, count = 1 } = readJson<{ status?: number; count?: number }>(request);
      if (status !== 500 && status !== 429) throw new ControlError(400, "status must be 500 or 429");
      faults.failNext(count, status);
      return { pending: faults.pending() };
    }),
  );
  router.add("DELETE", `${BASE}/faults`, act(() => faults.clear()));

  router.add(
    "GET",
    `${BASE}/webhooks`,
    act(async (request) => {
      // ?settled=1 answers once every queued delivery is done: a sync point for other processes.
      if (request.url.searchParams.get("settled")) await webhooks.settled();
      return { deliveries: webhooks.log(), events: webhooks.events() };
    }),
  );
  router.add(
    "PUT",
    `${BASE}/webhook-url`,
    act((request) => webhooks.setUrl(readJson<{ url?: string }>(request).url || undefined)),
  );
}
