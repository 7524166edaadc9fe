import { describe, expect, it } from "vitest";
import { buildChapters } from "./chapters";

describe("buildChapters", () => {
  it("makes one chapter per product at its first pin, in stream order", () => {
    const chapters = buildChapters([
      { offsetMs: 125_400, productId: "p2", title: "Beanie" },
      { offsetMs: 30_000, productId: "p1", title: "Scarf" },
      { offsetMs: 400_000, productId: "p1", title: "Scarf" },
    ]);
    expect(chapters).toEqual([
      { startTime: 30, title: "Scarf", productId: "p1" },
      { startTime: 125, title: "Beanie", productId: "p2" },
    ]);
  });

  it("starts pins made before going live at the beginning", () => {
    expect(buildChapters([{ offsetMs: null, productId: "p1", title: "Scarf" }])).toEqual([{ startTime: 0, title: "Scarf", productId: "p1" }]);
  });
});
