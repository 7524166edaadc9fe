// Where the ffmpeg binary is: FFMPEG_PATH when set, else the one @ffmpeg-installer ships
// (a static build, so it works without Debian's ffmpeg), else whatever is on PATH.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export function ffmpegBinary(): string {
  if (process.env.FFMPEG_PATH) return process.env.FFMPEG_PATH;
  try {
    const manifest = createRequire(import.meta.url).resolve("@ffmpeg-installer/linux-x64/package.json");
    const binary = path.join(path.dirname(manifest), "ffmpeg");
    if (existsSync(binary)) return binary;
  } catch {
    // Not installed (another platform): fall through to PATH.
  }
  return "ffmpeg";
}
