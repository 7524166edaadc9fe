// Reading ffmpeg's playlist and writing the ones players fetch. Pure functions over segment
// lists, so the live window, the growing event playlist and the finished VOD are one model.

export interface ParsedSegment {
  uri: string;
  duration: number;
}

export interface PlaylistSegment extends ParsedSegment {
  /** Set on the first segment of every encoder session after the first (a reconnect). */
  discontinuity: boolean;
}

/**
 * The complete segments in ffmpeg's media playlist. ffmpeg rewrites the file in place (its
 * rename-into-place only works on some builds), so a read can catch it half-written: only an
 * EXTINF followed by a whole URI line matching `segmentPattern` counts.
 */
export function parseMediaPlaylist(text: string, segmentPattern = /^seg-\d+\.ts$/): ParsedSegment[] {
  const segments: ParsedSegment[] = [];
  const lines = text.split("\n").map((line) => line.trim());
  for (let i = 0; i < lines.length - 1; i++) {
    const extinf = /^#EXTINF:([\d.]+),/.exec(lines[i] ?? "");
    const uri = lines[i + 1] ?? "";
    if (!extinf?.[1] || !segmentPattern.test(uri)) continue;
    segments.push({ uri, duration: Number(extinf[1]) });
  }
  return segments;
}

export type PlaylistKind = "live" | "event" | "vod";

export interface MediaPlaylist {
  kind: PlaylistKind;
  segments: PlaylistSegment[];
  /** The sequence number of the first listed segment (non-zero once a live window slides). */
  mediaSequence?: number;
  /** Discontinuities that slid out of the window before the first listed segment. */
  discontinuitySequence?: number;
  /** Whether the stream is over: adds EXT-X-ENDLIST so players stop polling. */
  ended: boolean;
}

export function renderMediaPlaylist(playlist: MediaPlaylist): string {
  const longest = Math.max(1, ...playlist.segments.map((segment) => segment.duration));
  const lines = ["#EXTM3U", "#EXT-X-VERSION:3", `#EXT-X-TARGETDURATION:${Math.ceil(longest)}`];
  lines.push(`#EXT-X-MEDIA-SEQUENCE:${playlist.mediaSequence ?? 0}`);
  if (playlist.discontinuitySequence) lines.push(`#EXT-X-DISCONTINUITY-SEQUENCE:${playlist.discontinuitySequence}`);
  if (playlist.kind === "vod") lines.push("#EXT-X-PLAYLIST-TYPE:VOD");
  if (playlist.kind === "event") lines.push("#EXT-X-PLAYLIST-TYPE:EVENT");
  lines.push("#EXT-X-INDEPENDENT-SEGMENTS");
  playlist.segments.forEach((segment, index) => {
    // A discontinuity on the window's first segment is already counted by the sequence tag.
    if (segment.discontinuity && index > 0) lines.push("#EXT-X-DISCONTINUITY");
    lines.push(`#EXTINF:${segment.duration.toFixed(3)},`, segment.uri);
  });
  if (playlist.ended) lines.push("#EXT-X-ENDLIST");
  return `${lines.join("\n")}\n`;
}

/** The last `size` segments of a live stream, numbered so players can follow the slide. */
export function liveWindow(all: PlaylistSegment[], size: number, ended = false): MediaPlaylist {
  const start = Math.max(0, all.length - size);
  const segments = all.slice(start);
  // The window's first segment carries the count of every discontinuity up to and including
  // its own (its tag is then left out), so a player joining mid-stream numbers segments the
  // same way as one that watched from the start.
  const discontinuitySequence = all.slice(0, start + 1).filter((segment) => segment.discontinuity).length;
  return { kind: "live", segments, mediaSequence: start, discontinuitySequence, ended };
}

export interface Variant {
  uri: string;
  bandwidth: number;
  width: number;
  height: number;
  frameRate: number;
}

/**
 * The multivariant playlist at stream.mux.com/<id>.m3u8. CODECS is left out on purpose: the
 * exact H.264 level depends on ffmpeg's choice, and a wrong string makes MSE refuse the
 * stream, while hls.js and Safari read the codecs from the segments themselves.
 */
export function renderMultivariantPlaylist(variants: Variant[]): string {
  const lines = ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-INDEPENDENT-SEGMENTS"];
  for (const variant of variants) {
    lines.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${variant.bandwidth},RESOLUTION=${variant.width}x${variant.height},FRAME-RATE=${variant.frameRate.toFixed(3)}`,
      variant.uri,
    );
  }
  return `${lines.join("\n")}\n`;
}
