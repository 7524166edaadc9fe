import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HEARTBEAT_SECONDS, MINUTE_MS, VIEWER_EVENT_TYPES, ViewerActivityBuffer, minuteOf, type ViewerActivity, type ViewerBatch, type ViewerEvent } from "./viewer-activity";

// A fixed instant on a minute boundary, so the minute each event falls in is plain to read.
const T0 = minuteOf(Date.now()) * MINUTE_MS;
const SHOP = "fjall.myshopify.com";

function batch(viewerId: string, events: ViewerEvent[], receivedAt = Math.max(...events.map((e) => e.at))): ViewerBatch {
  return { shop: SHOP, showId: "show-1", viewerId, receivedAt, events };
}

/** A viewer who watches `seconds`, starting at `start`: a view, then a heartbeat every 15 s. */
function watching(viewerId: string, start: number, seconds: number, firstN = 1): ViewerBatch {
  const events: ViewerEvent[] = [{ n: firstN, type: "view", at: start }];
  for (let beat = 1; beat * HEARTBEAT_SECONDS <= seconds; beat += 1) events.push({ n: firstN + beat, type: "beat" as const, at: start + beat * HEARTBEAT_SECONDS * 1000 });
  return batch(viewerId, events);
}

const totals = (activity: ViewerActivity) => ({
  watchSeconds: activity.minutes.reduce((sum, m) => sum + m.watchSeconds, 0),
  views: activity.minutes.reduce((sum, m) => sum + m.views, 0),
  addToCarts: activity.minutes.reduce((sum, m) => sum + m.addToCarts, 0),
  viewers: activity.newViewers.length,
});

describe("viewer activity in memory", () => {
  it("sums a minute of watching into watch time, one view and one viewer", () => {
    const buffer = new ViewerActivityBuffer();
    expect(buffer.add(watching("ada", T0, 60))).toEqual({ ok: true, counted: 5, ignored: 0 });
    const activity = buffer.drain();
    expect(totals(activity)).toEqual({ watchSeconds: 60, views: 1, addToCarts: 0, viewers: 1 });
    expect(activity.newViewers).toEqual([{ shop: SHOP, showId: "show-1", viewerId: "ada", firstMinute: minuteOf(T0) }]);
    // A heartbeat counts where the 15 seconds it covers lie: the beat at 0:60 covers 0:45–0:60.
    expect(activity.minutes.map((m) => [m.minute - minuteOf(T0), m.watchSeconds])).toEqual([[0, 60]]);
  });

  it("counts a batch sent twice once", () => {
    const buffer = new ViewerActivityBuffer();
    const twice = batch("ada", [
      { n: 1, type: "view", at: T0 },
      { n: 2, type: "cart", at: T0 + 5000 },
    ]);
    buffer.add(twice);
    expect(buffer.add({ ...twice, receivedAt: twice.receivedAt + 1000 })).toEqual({ ok: true, counted: 0, ignored: 2 });
    expect(totals(buffer.drain())).toEqual({ watchSeconds: 0, views: 1, addToCarts: 1, viewers: 1 });
  });

  it("never counts more than four heartbeats of a viewer in a minute, however many arrive", () => {
    const buffer = new ViewerActivityBuffer();
    const flood = Array.from({ length: 40 }, (_, i) => ({ n: i + 1, type: "beat" as const, at: T0 + 10_000 + i * 100 }));
    buffer.add(batch("forger", flood));
    expect(totals(buffer.drain()).watchSeconds).toBe(60);
  });

  it("refuses a viewer's batch whole past its events a minute, and takes it again a minute later", () => {
    const buffer = new ViewerActivityBuffer({ eventsPerViewerMinute: 10, maxViewers: 10, idleMs: 15 * MINUTE_MS });
    const events = (from: number, count: number, at: number) => Array.from({ length: count }, (_, i) => ({ n: from + i, type: "product" as const, at }));
    expect(buffer.add(batch("ada", events(1, 8, T0))).ok).toBe(true);
    expect(buffer.add(batch("ada", events(9, 3, T0 + 1000)))).toEqual({ ok: false, reason: "rate_limited" });
    expect(buffer.add(batch("ada", events(9, 3, T0 + MINUTE_MS))).ok).toBe(true);
    expect(buffer.drain().minutes.reduce((sum, m) => sum + m.productViews, 0)).toBe(11);
  });

  it("keeps at most maxViewers in memory, and makes room as idle ones are forgotten", () => {
    const buffer = new ViewerActivityBuffer({ eventsPerViewerMinute: 60, maxViewers: 2, idleMs: MINUTE_MS });
    expect(buffer.add(watching("a", T0, 0)).ok).toBe(true);
    expect(buffer.add(watching("b", T0, 0)).ok).toBe(true);
    expect(buffer.add(watching("c", T0, 0))).toEqual({ ok: false, reason: "busy" });
    expect(buffer.prune(T0 + MINUTE_MS)).toBe(0);
    expect(buffer.add(watching("c", T0 + MINUTE_MS, 0)).ok).toBe(true);
  });

  it("gives back a drained batch whose write failed, merged with what came since", () => {
    const buffer = new ViewerActivityBuffer();
    buffer.add(watching("ada", T0, 30));
    const failed = buffer.drain();
    buffer.add(watching("bo", T0, 30));
    buffer.restore(failed);
    const activity = buffer.drain();
    expect(totals(activity)).toEqual({ watchSeconds: 60, views: 2, addToCarts: 0, viewers: 2 });
    expect(buffer.pending).toBe(false);
  });

  it("marks the viewers who added to cart and who went to checkout", () => {
    const buffer = new ViewerActivityBuffer();
    buffer.add(batch("ada", [{ n: 1, type: "cart", at: T0 }, { n: 2, type: "checkout", at: T0 }]));
    buffer.add(batch("bo", [{ n: 1, type: "view", at: T0 }]));
    const activity = buffer.drain();
    expect(activity.addedToCart.map((key) => key.viewerId)).toEqual(["ada"]);
    expect(activity.checkedOut.map((key) => key.viewerId)).toEqual(["ada"]);
  });
});

// ---------------------------------------------------------------- properties

const eventArbitrary = fc.record({
  viewer: fc.integer({ min: 0, max: 7 }),
  n: fc.integer({ min: 1, max: 400 }),
  type: fc.constantFrom(...VIEWER_EVENT_TYPES),
  atMs: fc.integer({ min: 0, max: 10 * MINUTE_MS }),
});
/** A stream of batches from up to eight viewers over ten minutes, duplicates and floods included. */
const streamArbitrary = fc.array(fc.array(eventArbitrary, { minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 40 });

type SyntheticEvent = { viewer: number; n: number; type: ViewerEvent["type"]; atMs: number };

function replay(stream: SyntheticEvent[][]) {
  const buffer = new ViewerActivityBuffer({ eventsPerViewerMinute: 10_000, maxViewers: 100, idleMs: 60 * MINUTE_MS });
  let sent = 0;
  for (const events of stream) {
    for (const [viewer, mine] of groupBy(events, (event) => event.viewer)) {
      const result = buffer.add(batch(`v${viewer}`, mine.map(({ n, type, atMs }) => ({ n, type, at: T0 + atMs }))));
      if (result.ok) sent += mine.length;
    }
  }
  return { activity: buffer.drain(), sent };
}

function groupBy<T, K>(items: T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

describe("viewer activity on synthetic streams", () => {
  it("never has more unique viewers than events", () => {
    fc.assert(
      fc.property(streamArbitrary, (stream) => {
        const { activity, sent } = replay(stream);
        expect(activity.newViewers.length).toBeLessThanOrEqual(sent);
      }),
    );
  });

  it("never has more watch time in a minute than the minute's wall time × the viewers who beat in it", () => {
    fc.assert(
      fc.property(streamArbitrary, (stream) => {
        const { activity } = replay(stream);
        const beatingViewers = new Map<number, Set<number>>();
        for (const event of stream.flat().filter((e) => e.type === "beat")) {
          const minute = minuteOf(T0 + event.atMs - (HEARTBEAT_SECONDS * 1000) / 2);
          beatingViewers.set(minute, (beatingViewers.get(minute) ?? new Set()).add(event.viewer));
        }
        for (const minute of activity.minutes) {
          expect(minute.watchSeconds).toBeLessThanOrEqual(60 * (beatingViewers.get(minute.minute)?.size ?? 0));
        }
        const wallSeconds = (10 * MINUTE_MS + MINUTE_MS) / 1000;
        expect(totals(activity).watchSeconds).toBeLessThanOrEqual(wallSeconds * new Set(stream.flat().map((e) => e.viewer)).size);
      }),
    );
  });

  it("counts the same stream alike however often its batches are sent again", () => {
    fc.assert(
      fc.property(streamArbitrary, fc.integer({ min: 2, max: 3 }), (stream, copies) => {
        const once = replay(stream).activity;
        const repeated = replay(stream.flatMap((events) => Array.from({ length: copies }, () => events))).activity;
        expect(totals(repeated)).toEqual(totals(once));
      }),
    );
  });

  it("counts each distinct (viewer, sequence number) at most once", () => {
    fc.assert(
      fc.property(streamArbitrary, (stream) => {
        const { activity } = replay(stream);
        const distinct = new Set(stream.flat().map((e) => `${e.viewer} ${e.n}`)).size;
        const counted = activity.minutes.reduce((sum, m) => sum + m.watchSeconds / HEARTBEAT_SECONDS + m.views + m.productViews + m.addToCarts + m.checkouts, 0);
        expect(counted).toBeLessThanOrEqual(distinct);
      }),
    );
  });
});
