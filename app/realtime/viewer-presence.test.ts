// An instance's side of counting viewers, on the in-process store, with the test's clock: what it
// announces as streams open and close, what it records when a minute turns, and what it takes
// out when it stops.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { InProcessPresenceStore, minuteOf, type Tally } from "./presence";
import { ViewerPresence } from "./viewer-presence.server";

const SHOP = "presence.myshopify.com";
const SHOW = "show-1";
const RENEW_MS = 5_000;
const TTL_MS = 15_000;
const INTERVAL_MS = 1_000;

type Told = { showId: string; tally: Extract<Tally, { kind: "announce" | "record" }>; minute: number };

let told: Told[];
let presence: ViewerPresence;

beforeEach(() => {
  // Two seconds into a minute, so a test knows when the next one begins.
  vi.useFakeTimers({ now: 1_000 * 60_000 + 2_000 });
  told = [];
  presence = new ViewerPresence({
    store: new InProcessPresenceStore(TTL_MS, () => Date.now()),
    renewMs: RENEW_MS,
    announceIntervalMs: INTERVAL_MS,
    announce: async (_shop, showId, tally, at) => {
      told.push({ showId, tally, minute: minuteOf(at.getTime()) });
    },
  });
});

afterEach(async () => {
  await presence.close();
  vi.useRealTimers();
});

const counts = () => told.map(({ tally }) => `${tally.kind} ${tally.count}`);

describe("ViewerPresence", () => {
  it("announces each viewer once, however many streams they hold, and at most once per interval", async () => {
    const leaveAda = presence.join(SHOP, SHOW, "ada");
    const leaveAdaAgain = presence.join(SHOP, SHOW, "ada");
    await vi.advanceTimersByTimeAsync(0);
    expect(counts()).toEqual(["announce 1"]);

    // Bo arrives within the interval: the count goes out once it has passed.
    const leaveBo = presence.join(SHOP, SHOW, "bo");
    await vi.advanceTimersByTimeAsync(INTERVAL_MS - 1);
    expect(counts()).toEqual(["announce 1"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(counts()).toEqual(["announce 1", "announce 2"]);

    // One of Ada's two streams closes (twice, as a socket's close may be seen twice): she still watches.
    leaveAda();
    leaveAda();
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(await presence.count(SHOW)).toBe(2);
    leaveAdaAgain();
    leaveBo();
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(counts()).toEqual(["announce 1", "announce 2", "announce 0"]);
  });

  it("records an unchanged count again when a new minute begins, for the show's per-minute series", async () => {
    presence.join(SHOP, SHOW, "ada");
    await vi.advanceTimersByTimeAsync(0);
    // The renewals recount every five seconds; the minute turns 58 seconds in, the next renewal sees it.
    await vi.advanceTimersByTimeAsync(65_000);
    expect(told.map(({ tally, minute }) => [tally.kind, tally.count, minute])).toEqual([
      ["announce", 1, 1_000],
      ["record", 1, 1_001],
    ]);
  });

  it("keeps its viewers counted while it renews, and takes them out when it stops", async () => {
    presence.join(SHOP, SHOW, "ada");
    await vi.advanceTimersByTimeAsync(TTL_MS * 3);
    expect(await presence.count(SHOW)).toBe(1);
    await presence.close();
    expect(await presence.count(SHOW)).toBe(0);
  });
});
