// What stream.mux.com and image.mux.com serve, on the emulator's origin:
//   /stream/<playbackId>.m3u8                      multivariant playlist (what players load)
//   /stream/<playbackId>/rendition.m3u8            media playlist: live window, event or VOD
//   /stream/<playbackId>/t<take>/seg-<n>.ts        MPEG-TS segments
//   /thumbnail/<playbackId>.jpg|png  and  /image/<playbackId>/thumbnail.jpg|png   posters
// Everything carries `access-control-allow-origin: *` so a player on the storefront's origin
// can fetch it, as it can from Mux's CDN.
import { createReadStream } from "node:fs";
import type { ServerResponse } from "node:http";
import { sendText, type Router, type SandboxRequest } from "../http";
import type { EncoderSettings } from "./ffmpeg-hls-encoder";
import { liveWindow, renderMediaPlaylist, renderMultivariantPlaylist, type MediaPlaylist } from "./hls-playlists";
import type { LiveLifecycle } from "./live-lifecycle";
import type { Recording } from "./recording";
import type { MuxStore } from "./store";
import type { ImageFormat, Thumbnails } from "./thumbnails";

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, HEAD, OPTIONS",
  "access-control-allow-headers": "range, content-type",
  "access-control-expose-headers": "content-length, content-range",
};
const PLAYLIST_TYPE = "application/vnd.apple.mpegurl";
/** Segments in a live playlist: six one-second segments, like the brief's hls_list_size. */
const LIVE_WINDOW_SEGMENTS = 6;

type Source = { kind: "live"; recording: Recording; ended: boolean } | { kind: "asset"; recording: Recording; live: boolean };

class PlaybackError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function playbackRoutes(router: Router, deps: { store: MuxStore; lifecycle: LiveLifecycle; thumbnails: Thumbnails; settings: EncoderSettings }) {
  const { store, lifecycle, thumbnails, settings } = deps;

  /** What a playback id plays right now, or the error stream.mux.com would answer. */
  const resolve = (playbackId: string, request: SandboxRequest): Source => {
    const found = store.findPlayback(playbackId);
    if (!found) throw new PlaybackError(404, "Unknown playback id.");
    // Signed playback needs a JWT in `token`; the sandbox checks it is there, not its signature.
    if (found.playback.policy !== "public" && !request.url.searchParams.get("token")) {
      throw new PlaybackError(403, "This playback id needs a signed token.");
    }
    if (found.owner.type === "live_stream") {
      const live = lifecycle.liveRecording(found.owner.id);
      // Mux answers 412 for a live stream that is not broadcasting.
      if (!live) throw new PlaybackError(412, "This live stream is not active.");
      return { kind: "live", ...live };
    }
    const asset = store.assets.get(found.owner.id);
    const recording = lifecycle.assetRecording(found.owner.id);
    if (!asset || asset.status !== "ready" || !recording) throw new PlaybackError(412, "This asset is not ready.");
    return { kind: "asset", recording, live: asset.is_live === true };
  };

  const mediaPlaylist = (source: Source): MediaPlaylist => {
    const segments = source.recording.segments();
    if (source.kind === "live") return liveWindow(segments, LIVE_WINDOW_SEGMENTS, source.ended);
    return source.live ? { kind: "event", segments, ended: false } : { kind: "vod", segments, ended: true };
  };

  /** The segment a poster comes from: the newest while live, else the one at `time` (default: the middle). */
  const posterSegment = (source: Source, time: string | null): string | undefined => {
    const segments = source.recording.segments();
    if (source.kind === "live" || source.live) return segments.at(-1)?.file;
    const total = segments.reduce((sum, segment) => sum + segment.duration, 0);
    const at = time !== null && Number.isFinite(Number(time)) ? Number(time) : total / 2;
    let elapsed = 0;
    for (const segment of segments) {
      elapsed += segment.duration;
      if (elapsed > at) return segment.file;
    }
    return segments.at(-1)?.file;
  };

  const guarded = (handler: (request: SandboxRequest, response: ServerResponse) => unknown) => async (request: SandboxRequest, response: ServerResponse) => {
    try {
      await handler(request, response);
    } catch (error) {
      if (!(error instanceof PlaybackError)) throw error;
      sendText(response, error.status, error.message, "text/plain; charset=utf-8", { ...CORS, "cache-control": "no-store" });
    }
  };

  const poster = async (request: SandboxRequest, response: ServerResponse, playbackId: string, format: ImageFormat) => {
    let segment: string | undefined;
    try {
      segment = posterSegment(resolve(playbackId, request), request.url.searchParams.get("time"));
    } catch (error) {
      // An idle live stream still gets a poster (colour bars); an unknown id does not.
      if (!(error instanceof PlaybackError) || error.status !== 412) throw error;
    }
    const image = await thumbnails.frame(segment, format);
    response.writeHead(200, {
      ...CORS,
      "content-type": format === "png" ? "image/png" : "image/jpeg",
      "content-length": image.length,
      "cache-control": "max-age=2",
    });
    response.end(image);
  };

  const posterFormat = (extension: string | undefined): ImageFormat => {
    if (extension === "jpg" || extension === "jpeg") return "jpg";
    if (extension === "png") return "png";
    throw new PlaybackError(404, "Posters are .jpg or .png.");
  };

  for (const prefix of ["/stream/*", "/thumbnail/*", "/image/*"]) {
    router.add("OPTIONS", prefix, (_request, response) => {
      response.writeHead(204, { ...CORS, "access-control-max-age": "600" });
      response.end();
    });
  }

  router.add(
    "GET",
    "/stream/:file",
    guarded((request, response) => {
      const playbackId = /^(.+)\.m3u8$/.exec(request.params.file ?? "")?.[1];
      if (!playbackId) throw new PlaybackError(404, "Playlists end in .m3u8.");
      resolve(playbackId, request);
      const token = request.url.searchParams.get("token");
      const uri = `${encodeURIComponent(playbackId)}/rendition.m3u8${token ? `?token=${encodeURIComponent(token)}` : ""}`;
      const bandwidth = (settings.videoKbps + 64) * 1000;
      const body = renderMultivariantPlaylist([{ uri, bandwidth, width: settings.width, height: settings.height, frameRate: settings.fps }]);
      sendText(response, 200, body, PLAYLIST_TYPE, { ...CORS, "cache-control": "no-cache" });
    }),
  );

  router.add(
    "GET",
    "/stream/:playbackId/rendition.m3u8",
    guarded((request, response) => {
      const source = resolve(request.params.playbackId ?? "", request);
      const body = renderMediaPlaylist(mediaPlaylist(source));
      sendText(response, 200, body, PLAYLIST_TYPE, { ...CORS, "cache-control": source.kind === "asset" && !source.live ? "max-age=60" : "no-cache" });
    }),
  );

  router.add(
    "GET",
    "/stream/:playbackId/:take/:segment",
    guarded((request, response) => {
      const source = resolve(request.params.playbackId ?? "", request);
      const file = source.recording.segmentFile(request.params.take ?? "", request.params.segment ?? "");
      if (!file) throw new PlaybackError(404, "No such segment.");
      response.writeHead(200, { ...CORS, "content-type": "video/mp2t", "cache-control": "max-age=3600" });
      createReadStream(file).on("error", (error) => response.destroy(error)).pipe(response);
    }),
  );

  router.add(
    "GET",
    "/thumbnail/:file",
    guarded((request, response) => {
      const match = /^(.+)\.(\w+)$/.exec(request.params.file ?? "");
      if (!match?.[1]) throw new PlaybackError(404, "Posters are /thumbnail/<playbackId>.jpg or .png.");
      return poster(request, response, match[1], posterFormat(match[2]));
    }),
  );

  router.add(
    "GET",
    "/image/:playbackId/:file",
    guarded((request, response) => {
      const match = /^thumbnail\.(\w+)$/.exec(request.params.file ?? "");
      if (!match) throw new PlaybackError(404, "Posters are /image/<playbackId>/thumbnail.jpg or .png.");
      return poster(request, response, request.params.playbackId ?? "", posterFormat(match[1]));
    }),
  );
}
