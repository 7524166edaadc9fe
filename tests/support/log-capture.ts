// A logger as production makes it (JSON lines, scrubbed), writing into an array a test can read.
import { Writable } from "node:stream";
import { createLogger } from "~/lib/log.server";

export function captureLog() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger(destination, "production"), lines };
}
