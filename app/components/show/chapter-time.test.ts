import { describe, expect, it } from "vitest";
import { chapterTime } from "./chapter-time";

describe("chapterTime", () => {
  it("writes minutes and seconds, and hours only when the replay is that long", () => {
    expect([0, 7, 59, 60, 247, 3599, 3600, 3729].map(chapterTime)).toEqual(["0:00", "0:07", "0:59", "1:00", "4:07", "59:59", "1:00:00", "1:02:09"]);
  });
});
