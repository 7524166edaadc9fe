import { describe, expect, it } from "vitest";
import { liveWindow, parseMediaPlaylist, renderMediaPlaylist, type PlaylistSegment } from "./hls-playlists";

const segment = (n: number, discontinuity = false): PlaylistSegment => ({ uri: `t1/seg-${String(n).padStart(5, "0")}.ts`, duration: 1, discontinuity });

describe("parseMediaPlaylist", () => {
  it("keeps only complete entries of a half-written ffmpeg playlist", () => {
    const text = "#EXTM3U\n#EXT-X-VERSION:6\n#EXTINF:1.000000,\nseg-00000.ts\n#EXTINF:0.960000,\nseg-00001.ts\n#EXTINF:1.0\nseg-000";
    expect(parseMediaPlaylist(text)).toEqual([
      { uri: "seg-00000.ts", duration: 1 },
      { uri: "seg-00001.ts", duration: 0.96 },
    ]);
  });
});

describe("liveWindow", () => {
  it("keeps the last segments and numbers them from the start of the stream", () => {
    const all = Array.from({ length: 10 }, (_, n) => segment(n));
    const window = liveWindow(all, 6);
    expect(window.segments.map((s) => s.uri)).toEqual(all.slice(4).map((s) => s.uri));
    const text = renderMediaPlaylist(window);
    expect(text).toContain("#EXT-X-MEDIA-SEQUENCE:4\n");
    expect(text).not.toContain("#EXT-X-ENDLIST");
    expect(text).not.toContain("PLAYLIST-TYPE");
  });

  it("counts reconnects that slid out of the window in the discontinuity sequence", () => {
    const all = [segment(0), segment(1), segment(2, true), segment(3), segment(4, true), segment(5)];
    const early = renderMediaPlaylist(liveWindow(all, 6));
    expect(early.match(/#EXT-X-DISCONTINUITY\n/g)).toHaveLength(2);
    expect(early).not.toContain("DISCONTINUITY-SEQUENCE");

    const late = renderMediaPlaylist(liveWindow(all, 3)); // starts at segment 3: one reconnect behind it
    expect(late).toContain("#EXT-X-DISCONTINUITY-SEQUENCE:1\n");
    expect(late.match(/#EXT-X-DISCONTINUITY\n/g)).toHaveLength(1);

    const onBoundary = renderMediaPlaylist(liveWindow(all, 2)); // starts at segment 4, itself a reconnect
    expect(onBoundary).toContain("#EXT-X-DISCONTINUITY-SEQUENCE:2\n");
    expect(onBoundary).not.toContain("#EXT-X-DISCONTINUITY\n");
  });
});

describe("renderMediaPlaylist", () => {
  it("marks a finished recording as VOD and ends it", () => {
    const text = renderMediaPlaylist({ kind: "vod", segments: [segment(0), { ...segment(1), duration: 1.4 }], ended: true });
    expect(text).toContain("#EXT-X-PLAYLIST-TYPE:VOD\n");
    expect(text).toContain("#EXT-X-TARGETDURATION:2\n");
    expect(text.trimEnd().endsWith("#EXT-X-ENDLIST")).toBe(true);
  });
});
