// Poster frames: the first frame of a recorded segment (each starts on a keyframe), or a
// still of colour bars when there is nothing recorded yet. ffmpeg writes the image to stdout;
// results are cached because players and storefronts ask for the same poster repeatedly.
import { execFile } from "node:child_process";
import type { EncoderSettings } from "./ffmpeg-hls-encoder";

export type ImageFormat = "jpg" | "png";

const CACHE_SIZE = 64;

export class Thumbnails {
  private readonly cache = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly ffmpegPath: string,
    private readonly settings: EncoderSettings,
  ) {}

  /** A frame from `segmentFile`, or the placeholder when it is undefined. */
  frame(segmentFile: string | undefined, format: ImageFormat): Promise<Buffer> {
    const key = `${segmentFile ?? "placeholder"}|${format}`;
    let image = this.cache.get(key);
    if (!image) {
      const input = segmentFile
        ? ["-i", segmentFile]
        : ["-f", "lavfi", "-i", `smptebars=size=${this.settings.width}x${this.settings.height}`];
      image = this.render(input, format);
      image.catch(() => this.cache.delete(key)); // A failure is not remembered.
      this.cache.set(key, image);
      if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    }
    return image;
  }

  private render(input: string[], format: ImageFormat): Promise<Buffer> {
    const codec = format === "png" ? "png" : "mjpeg";
    const args = ["-hide_banner", "-loglevel", "error", ...input, "-frames:v", "1", "-f", "image2pipe", "-c:v", codec, "-q:v", "3", "pipe:1"];
    return new Promise((resolve, reject) => {
      execFile(this.ffmpegPath, args, { encoding: "buffer", timeout: 10_000, maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error || stdout.length === 0) reject(new Error(`ffmpeg could not grab a frame: ${error?.message ?? ""} ${stderr.toString()}`));
        else resolve(stdout);
      });
    });
  }
}
