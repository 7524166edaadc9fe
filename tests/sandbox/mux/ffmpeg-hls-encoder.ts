// The simulated encoder: ffmpeg renders a test pattern with a clock and a beeping tone and
// writes a real HLS stream (H.264 + AAC in MPEG-TS, 1 s segments) into a directory. Playlists
// keep every segment (hls_list_size 0) because the recording needs them all; the live
// sliding window is cut from this list when served (see hls-playlists.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, watch, type FSWatcher } from "node:fs";
import path from "node:path";
import { parseMediaPlaylist, type ParsedSegment } from "./hls-playlists";

export interface EncoderSettings {
  width: number;
  height: number;
  fps: number;
  videoKbps: number;
  segmentSeconds: number;
}

/** Small and cheap: the machines have two cores and tests run several emulators. */
export const DEFAULT_ENCODER_SETTINGS: EncoderSettings = { width: 320, height: 180, fps: 15, videoKbps: 300, segmentSeconds: 1 };

const PLAYLIST = "index.m3u8";
const FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const STOP_GRACE_MS = 3000;

function ffmpegArguments(dir: string, settings: EncoderSettings): string[] {
  const { width, height, fps, videoKbps, segmentSeconds } = settings;
  const gop = String(fps * segmentSeconds);
  // testsrc draws its own running counter; the wall clock on top (when a font is there) lets
  // a person watching the player read the latency.
  const clock = existsSync(FONT)
    ? ["-vf", `drawtext=fontfile=${FONT}:text='Mux sandbox %{localtime\\:%T}':x=8:y=8:fontsize=${Math.round(height / 10)}:fontcolor=white:box=1:boxcolor=black@0.6`]
    : [];
  return [
    ...["-hide_banner", "-loglevel", "warning", "-nostats"],
    ...["-re", "-f", "lavfi", "-i", `testsrc=size=${width}x${height}:rate=${fps}`],
    ...["-re", "-f", "lavfi", "-i", "sine=frequency=440:beep_factor=4:sample_rate=44100"],
    ...clock,
    ...["-map", "0:v", "-map", "1:a"],
    ...["-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-profile:v", "baseline", "-pix_fmt", "yuv420p"],
    ...["-b:v", `${videoKbps}k`, "-maxrate", `${videoKbps}k`, "-bufsize", `${videoKbps * 2}k`],
    // A keyframe at every segment boundary, so each segment starts playable on its own.
    ...["-g", gop, "-keyint_min", gop, "-sc_threshold", "0"],
    ...["-c:a", "aac", "-b:a", "64k", "-ac", "2", "-ar", "44100"],
    ...["-f", "hls", "-hls_time", String(segmentSeconds), "-hls_list_size", "0"],
    ...["-hls_flags", "omit_endlist+independent_segments+temp_file"],
    ...["-hls_segment_filename", path.join(dir, "seg-%05d.ts"), path.join(dir, PLAYLIST)],
  ];
}

type SegmentsListener = (segments: ParsedSegment[]) => void;

export class FfmpegHlsEncoder {
  /** Resolves with ffmpeg's exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  private known: ParsedSegment[] = [];
  private readonly listeners = new Set<SegmentsListener>();
  private readonly watcher: FSWatcher;
  private stderr = "";
  private hasExited = false;

  private constructor(
    readonly dir: string,
    private readonly child: ChildProcess,
  ) {
    this.watcher = watch(dir, () => this.refresh());
    // ffmpeg may be gone by the time we ask it to quit; a closed pipe is not an error here.
    child.stdin?.on("error", () => undefined);
    child.stderr?.on("data", (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4000)));
    this.exited = new Promise((resolve) => {
      const finish = (code: number | null) => {
        if (this.hasExited) return;
        this.hasExited = true;
        this.refresh();
        this.watcher.close();
        resolve(code);
      };
      child.once("exit", (code) => finish(code));
      child.once("error", (error) => {
        this.stderr += `\n${error.message}`;
        finish(null);
      });
    });
  }

  /** Starts ffmpeg writing into `dir`, which must exist and be empty. */
  static start(options: { ffmpegPath: string; dir: string; settings?: EncoderSettings }): FfmpegHlsEncoder {
    const args = ffmpegArguments(options.dir, options.settings ?? DEFAULT_ENCODER_SETTINGS);
    const child = spawn(options.ffmpegPath, args, { stdio: ["pipe", "ignore", "pipe"] });
    return new FfmpegHlsEncoder(options.dir, child);
  }

  get running(): boolean {
    return !this.hasExited;
  }

  /** The finished segments so far, oldest first; file names are relative to `dir`. */
  segments(): ParsedSegment[] {
    return [...this.known];
  }

  onSegments(listener: SegmentsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when the first segment is complete; rejects if ffmpeg exits before that. */
  firstSegment(): Promise<ParsedSegment> {
    const first = this.known[0];
    if (first) return Promise.resolve(first);
    return new Promise((resolve, reject) => {
      const unsubscribe = this.onSegments((segments) => {
        if (!segments[0]) return;
        unsubscribe();
        resolve(segments[0]);
      });
      void this.exited.then((code) => {
        unsubscribe();
        if (!this.known[0]) reject(new Error(`ffmpeg exited (${code}) before writing a segment: ${this.stderrTail()}`));
      });
    });
  }

  stderrTail(): string {
    return this.stderr.trim().split("\n").slice(-5).join("\n");
  }

  /** Asks ffmpeg to finish (it closes the last segment), killing it if it does not. */
  async stop(): Promise<void> {
    if (this.hasExited) return;
    this.child.stdin?.end("q");
    const killer = setTimeout(() => this.child.kill("SIGKILL"), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(killer);
  }

  /** Immediate and synchronous, for process exit. */
  kill() {
    if (!this.hasExited) this.child.kill("SIGKILL");
  }

  private refresh() {
    let text: string;
    try {
      text = readFileSync(path.join(this.dir, PLAYLIST), "utf8");
    } catch {
      return; // Not written yet.
    }
    const segments = parseMediaPlaylist(text);
    // The list only grows; a shorter read is a half-rewritten file.
    if (segments.length <= this.known.length) return;
    this.known = segments;
    for (const listener of this.listeners) listener(this.segments());
  }
}
