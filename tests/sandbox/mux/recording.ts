// Everything one broadcast recorded: one "take" per encoder connection (Mux's
// recording_times), each a directory of segments. The live window, the asset's event
// playlist and the final VOD are all cut from this one ordered list.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { ParsedSegment, PlaylistSegment } from "./hls-playlists";

export interface Take {
  number: number;
  dir: string;
  startedAt: Date;
  segments: ParsedSegment[];
}

export interface RecordedSegment extends PlaylistSegment {
  take: number;
  /** Where the bytes are on disk. */
  file: string;
}

const TAKE_NAME = /^t(\d+)$/;

export class Recording {
  private readonly takes: Take[] = [];

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  startTake(): Take {
    const number = this.takes.length + 1;
    const take: Take = { number, dir: path.join(this.dir, `t${number}`), startedAt: new Date(), segments: [] };
    mkdirSync(take.dir);
    this.takes.push(take);
    return take;
  }

  updateTake(number: number, segments: ParsedSegment[]) {
    const take = this.takes[number - 1];
    if (take && segments.length >= take.segments.length) take.segments = segments;
  }

  /**
   * Every segment in order. URIs are `t<take>/<file>`, relative to the playlist that lists
   * them, so one recording serves both the live stream's and the asset's playback ids.
   */
  segments(): RecordedSegment[] {
    return this.takes.flatMap((take, takeIndex) =>
      take.segments.map((segment, index) => ({
        uri: `t${take.number}/${segment.uri}`,
        duration: segment.duration,
        discontinuity: takeIndex > 0 && index === 0,
        take: take.number,
        file: path.join(take.dir, segment.uri),
      })),
    );
  }

  /** The file behind `t<take>/<name>`, only if the playlist lists it (no path tricks). */
  segmentFile(takeName: string, name: string): string | undefined {
    const take = this.takes[Number(TAKE_NAME.exec(takeName)?.[1] ?? 0) - 1];
    return take?.segments.some((segment) => segment.uri === name) ? path.join(take.dir, name) : undefined;
  }

  duration(): number {
    return roundMillis(this.segments().reduce((total, segment) => total + segment.duration, 0));
  }

  recordingTimes(): { started_at: string; duration: number; type: "content" }[] {
    return this.takes.map((take) => ({
      started_at: take.startedAt.toISOString(),
      duration: roundMillis(take.segments.reduce((total, segment) => total + segment.duration, 0)),
      type: "content",
    }));
  }
}

const roundMillis = (seconds: number) => Math.round(seconds * 1000) / 1000;
