// One clock for the whole system under test, which a journey moves forward (past a two-week
// commission hold) without waiting. The Shopify, Stripe and Mux sandboxes run in the test process
// and take it as their `now` (startStack's option). The app is a process of its own and reads it
// through libfaketime (Debian's `faketime` package), preloaded into that process alone: its
// offset is in a file the library reads on every call (FAKETIME_TIMESTAMP_FILE with
// FAKETIME_NO_CACHE), so a move takes effect at once, without a restart. Monotonic time stays
// real (FAKETIME_DONT_FAKE_MONOTONIC), so the app's timers and timeouts keep their lengths.
//
// Every party that signs or stamps something for another moves together: the admin shell's
// session tokens (valid a minute), Stripe's and Mux's webhook signatures (five minutes'
// tolerance), stream events, order and refund times, magic links and portal sessions. Only the
// browser keeps the machine's clock, like a person's computer (and the mail sandbox, whose
// receipt times the test compares with its own); nothing the app answers depends on them.
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";

/** Where Debian's libfaketime package puts the library. */
export const LIBFAKETIME_PATH = process.env.LIBFAKETIME_PATH ?? `/usr/lib/${process.arch === "arm64" ? "aarch64" : "x86_64"}-linux-gnu/faketime/libfaketime.so.1`;

export interface WorldClock {
  /** The world's time: the machine's, moved by every `moveTo` so far. */
  now(): Date;
  /** What to add to the app's environment (startStack's `env`) to run it on this clock. */
  readonly appEnv: Record<string, string>;
  /** Moves every party's clock to `instant` (whole seconds, never back). */
  moveTo(instant: Date): void;
  /** Resolves once the app dates its answers on the world's clock (its Date header, to the second). */
  appFollows(appUrl: string): Promise<void>;
  close(): void;
}

/** `daysAhead`: the world starts that many days after the machine's clock. */
export function startWorldClock({ daysAhead = 0 }: { daysAhead?: number } = {}): WorldClock {
  if (!existsSync(LIBFAKETIME_PATH)) {
    throw new Error(`No libfaketime at ${LIBFAKETIME_PATH}: run \`apt-get install -y faketime\` (or set LIBFAKETIME_PATH)`);
  }
  // libfaketime prefers FAKETIME to the file, and the app inherits this process's environment.
  if (process.env.FAKETIME !== undefined) {
    throw new Error("The world clock moves the app's clock itself; run this test without faketime (FAKETIME is set)");
  }
  if (!Number.isFinite(daysAhead) || daysAhead < 0) throw new Error(`daysAhead is a number of days from 0, not ${daysAhead}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), "world-clock-"));
  const file = path.join(dir, "faketime.rc");
  let offsetSeconds = Math.round(daysAhead * 86_400);
  // Written aside and renamed: the app reads the file on every clock call and must never see it half written.
  const publish = () => {
    writeFileSync(`${file}.next`, `+${offsetSeconds}\n`);
    renameSync(`${file}.next`, file);
  };
  publish();

  const now = () => new Date(Date.now() + offsetSeconds * 1000);
  return {
    now,
    appEnv: {
      LD_PRELOAD: LIBFAKETIME_PATH,
      FAKETIME_TIMESTAMP_FILE: file,
      FAKETIME_NO_CACHE: "1",
      FAKETIME_DONT_FAKE_MONOTONIC: "1",
      // Only the clock moves: files keep the times they have (the build, the SQLite database).
      NO_FAKE_STAT: "1",
    },
    moveTo(instant) {
      const seconds = Math.ceil((instant.getTime() - Date.now()) / 1000);
      if (seconds < offsetSeconds) throw new Error(`The world clock only moves forward (asked for ${instant.toISOString()}, it is ${now().toISOString()})`);
      offsetSeconds = seconds;
      publish();
    },
    async appFollows(appUrl) {
      const skewMs = async () => {
        const response = await fetch(`${appUrl}/healthz`);
        await response.arrayBuffer();
        return Math.abs(Date.parse(response.headers.get("date") ?? "") - now().getTime());
      };
      // Node renews the Date header it caches once a second, so the first answers may be a second old.
      const deadline = Date.now() + 5_000;
      let skew = await skewMs();
      while (!(skew < 2_500)) {
        if (Date.now() > deadline) throw new Error(`The app's clock is ${Math.round(skew / 1000)} s off the world's: is libfaketime preloaded into the app (its LD_PRELOAD)?`);
        await delay(50);
        skew = await skewMs();
      }
    },
    close() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
