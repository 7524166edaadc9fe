import { describe, expect, it } from "vitest";
import { commentFrame, eventFrame, retryFrame } from "./frame";

describe("SSE frames", () => {
  it("encodes an event with its number, type and one-line JSON data", () => {
    const frame = eventFrame({ seq: 7, type: "chat", data: { body: "two\nlines" } });
    expect(frame.bytes.toString()).toBe('id: 7\nevent: chat\ndata: {"body":"two\\nlines"}\n\n');
  });

  it("frames the same bytes once as an HTTP chunk and reuses that Buffer", () => {
    const frame = eventFrame({ seq: 1, type: "viewers", data: { count: 3 } });
    const size = frame.bytes.length.toString(16);
    expect(frame.chunked.toString()).toBe(`${size}\r\n${frame.bytes.toString()}\r\n`);
    expect(frame.chunked).toBe(frame.chunked);
  });

  it("writes comments and the retry interval on their own lines", () => {
    expect(commentFrame("heart\nbeat").bytes.toString()).toBe(": heart beat\n\n");
    expect(retryFrame(2000).bytes.toString()).toBe("retry: 2000\n\n");
  });
});
