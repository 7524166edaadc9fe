import { afterEach, describe, expect, it } from "vitest";
import { privateChannel, showChannel, type Bus } from "./bus";
import type { PrivateEvent, RealtimeEvent } from "./events";
import { eventFrame, type SseFrame } from "./frame";
import { RealtimeHub, type HubOptions, type Snapshot } from "./hub.server";
import { InProcessBus } from "./in-process-bus";
import type { SseSink } from "./sink";

const SHOP = "hub.myshopify.com";
const SHOW = "show-1";

class RecordingSink implements SseSink {
  readonly frames: SseFrame[] = [];
  closed = false;
  private readonly closeListeners: Array<() => void> = [];
  private waiters: Array<() => void> = [];

  write(frame: SseFrame) {
    if (this.closed) return false;
    this.frames.push(frame);
    for (const waiter of this.waiters.splice(0)) waiter();
    return true;
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    for (const listener of this.closeListeners.splice(0)) listener();
  }
  onClose(listener: () => void) {
    this.closeListeners.push(listener);
  }
  /** Resolves once the sink holds `count` frames. */
  async holds(count: number) {
    while (this.frames.length < count) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.frames;
  }
  text() {
    return this.frames.map((frame) => frame.bytes.toString());
  }
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

const snapshotAt = (seq: number): Snapshot => ({ seq, frame: eventFrame({ seq, type: "snapshot", data: { at: seq } }) });
const stock = (seq: number): RealtimeEvent => ({
  showId: SHOW,
  seq,
  type: "stock",
  data: { variantId: `v${seq}`, productId: "p", available: seq, inStock: true },
});

let hub: RealtimeHub | undefined;
afterEach(async () => {
  await hub?.close();
});

function makeHub(overrides: Partial<HubOptions> = {}) {
  const bus = overrides.bus ?? new InProcessBus();
  const options: HubOptions = {
    bus,
    ringSize: 8,
    idleGraceMs: 60_000,
    heartbeatMs: 60_000,
    snapshotMaxAgeMs: 60_000,
    readEventSeq: async () => 0,
    loadSnapshot: async () => snapshotAt(0),
    ...overrides,
  };
  hub = new RealtimeHub(options);
  return { hub, bus, publish: (event: RealtimeEvent) => bus.publish(showChannel(event.showId), event) };
}

describe("RealtimeHub", () => {
  it("sends a new viewer the snapshot, then writes each event's one Buffer to every viewer", async () => {
    const { hub, publish } = makeHub({ loadSnapshot: async () => snapshotAt(4), readEventSeq: async () => 4 });
    const [first, second] = [new RecordingSink(), new RecordingSink()];
    await hub.join(SHOP, SHOW, first, null);
    await hub.join(SHOP, SHOW, second, null);
    await first.holds(1);
    await second.holds(1);
    expect(first.text()[0]).toMatch(/^id: 4\nevent: snapshot\n/);

    await publish(stock(5));
    const [[, a], [, b]] = await Promise.all([first.holds(2), second.holds(2)]);
    expect(a).toBe(b);
    expect(a?.bytes.toString()).toMatch(/^id: 5\nevent: stock\n/);
  });

  it("resumes a viewer from its Last-Event-ID with exactly the events after it", async () => {
    const { hub, publish } = makeHub();
    const watcher = new RecordingSink();
    await hub.join(SHOP, SHOW, watcher, null);
    for (const seq of [1, 2, 3]) await publish(stock(seq));
    await watcher.holds(4);

    const back = new RecordingSink();
    await hub.join(SHOP, SHOW, back, 1);
    expect(back.text().map((text) => text.split("\n")[0])).toEqual(["id: 2", "id: 3"]);
    await publish(stock(4));
    await back.holds(3);
    expect(back.text()[2]).toMatch(/^id: 4\n/);
  });

  it("sends a snapshot instead when the ring no longer holds what the viewer missed", async () => {
    let latest = 0;
    const { hub, publish } = makeHub({ ringSize: 2, loadSnapshot: async () => snapshotAt(latest) });
    const watcher = new RecordingSink();
    await hub.join(SHOP, SHOW, watcher, null);
    await watcher.holds(1);
    for (const seq of [1, 2, 3, 4, 5]) await publish(stock((latest = seq)));
    await watcher.holds(6);

    const behind = new RecordingSink();
    await hub.join(SHOP, SHOW, behind, 1);
    await behind.holds(1);
    expect(behind.text()[0]).toMatch(/^id: 5\nevent: snapshot\n/);
  });

  it("delivers events that arrive while the snapshot loads after it, and none the snapshot already reflects", async () => {
    const loading = deferred<Snapshot>();
    const { hub, publish } = makeHub({ loadSnapshot: () => loading.promise });
    const viewer = new RecordingSink();
    await hub.join(SHOP, SHOW, viewer, null);
    await publish(stock(1));
    await publish(stock(2));
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(viewer.frames).toEqual([]);

    loading.resolve(snapshotAt(1));
    await viewer.holds(2);
    expect(viewer.text().map((text) => text.split("\n")[0])).toEqual(["id: 1", "id: 2"]);
    expect(viewer.text()[0]).toMatch(/event: snapshot/);
  });

  it("loads one snapshot for a crowd that arrives at once", async () => {
    let loads = 0;
    const { hub } = makeHub({
      loadSnapshot: async () => {
        loads++;
        return snapshotAt(0);
      },
    });
    const crowd = Array.from({ length: 50 }, () => new RecordingSink());
    await Promise.all(crowd.map((sink) => hub.join(SHOP, SHOW, sink, null)));
    await Promise.all(crowd.map((sink) => sink.holds(1)));
    expect(loads).toBe(1);
  });

  it("stops writing to a viewer that left, and leaves the bus once the show has no viewers past the grace period", async () => {
    const inner = new InProcessBus();
    const left = deferred<string>();
    const bus: Bus = {
      publish: (channel, event) => inner.publish(channel, event),
      subscribe: async (channel, listener) => {
        const unsubscribe = await inner.subscribe(channel, listener);
        return async () => {
          await unsubscribe();
          left.resolve(channel);
        };
      },
      close: () => inner.close(),
    };
    const { hub, publish } = makeHub({ bus, idleGraceMs: 1 });
    const [leaving, staying] = [new RecordingSink(), new RecordingSink()];
    await hub.join(SHOP, SHOW, leaving, null);
    await hub.join(SHOP, SHOW, staying, null);
    await Promise.all([leaving.holds(1), staying.holds(1)]);
    leaving.close();
    await publish(stock(1));
    await staying.holds(2);
    expect(leaving.frames).toHaveLength(1);

    staying.close();
    expect(await left.promise).toBe(showChannel(SHOW));
    expect(await hub.viewerCount(SHOW)).toBe(0);
  });
});

// Two instances publish to one show, and Redis can go away (tests/faults/redis-restarted.test.ts
// found both): events must still reach each viewer in number order, each once, and one that never
// comes must be replaced by a snapshot rather than silently skipped.
describe("RealtimeHub with events out of order or lost", () => {
  const ids = (sink: RecordingSink) => sink.text().map((text) => /^id: (\d+)\nevent: (\w+)/.exec(text)?.slice(1).join(" "));

  it("holds an event that arrives ahead of the one before it, and delivers both in order", async () => {
    const { hub, publish } = makeHub();
    const viewer = new RecordingSink();
    await hub.join(SHOP, SHOW, viewer, null);
    await viewer.holds(1);
    for (const seq of [2, 1, 4, 3]) await publish(stock(seq));
    await viewer.holds(5);
    expect(ids(viewer)).toEqual(["0 snapshot", "1 stock", "2 stock", "3 stock", "4 stock"]);

    await publish(stock(2));
    await publish(stock(5));
    await viewer.holds(6);
    expect(ids(viewer).slice(5)).toEqual(["5 stock"]);
  });

  it("sends a fresh snapshot in place of an event that never arrives, and no replay across the gap", async () => {
    let latest = 0;
    const { hub, publish } = makeHub({ gapWaitMs: 20, loadSnapshot: async () => snapshotAt(latest), snapshotMaxAgeMs: 0 });
    const viewer = new RecordingSink();
    await hub.join(SHOP, SHOW, viewer, null);
    await viewer.holds(1);
    await publish(stock((latest = 1)));
    // Event 2 was numbered but never published (Redis was down).
    latest = 3;
    await publish(stock(3));
    await viewer.holds(3);
    expect(ids(viewer)).toEqual(["0 snapshot", "1 stock", "3 snapshot"]);

    await publish(stock((latest = 4)));
    await viewer.holds(4);
    expect(ids(viewer)[3]).toBe("4 stock");
    // Event 3 arriving late changes nothing: the snapshot reflected it.
    await publish(stock(3));

    const resumedBeforeGap = new RecordingSink();
    await hub.join(SHOP, SHOW, resumedBeforeGap, 1);
    await resumedBeforeGap.holds(1);
    expect(ids(resumedBeforeGap)).toEqual(["4 snapshot"]);
    const resumedAfterGap = new RecordingSink();
    await hub.join(SHOP, SHOW, resumedAfterGap, 3);
    expect(ids(resumedAfterGap)).toEqual(["4 stock"]);
    expect(viewer.frames).toHaveLength(4);
  });

  it("asks the show's number again when the bus resubscribes, and sends a snapshot for what was published while it was away", async () => {
    let latest = 0;
    const inner = new InProcessBus();
    const resubscribed = new Set<() => void>();
    const bus: Bus = {
      publish: (channel, event) => inner.publish(channel, event),
      subscribe: (channel, listener) => inner.subscribe(channel, listener),
      onResubscribed: (listener) => {
        resubscribed.add(listener);
        return () => resubscribed.delete(listener);
      },
      close: () => inner.close(),
    };
    const { hub, publish } = makeHub({ bus, gapWaitMs: 20, readEventSeq: async () => latest, loadSnapshot: async () => snapshotAt(latest), snapshotMaxAgeMs: 0 });
    const viewer = new RecordingSink();
    await hub.join(SHOP, SHOW, viewer, null);
    await viewer.holds(1);
    await publish(stock((latest = 1)));
    await viewer.holds(2);
    // Events 2 and 3 were published while the subscription was down; nothing follows them.
    latest = 3;
    for (const listener of resubscribed) listener();
    await viewer.holds(3);
    expect(ids(viewer)).toEqual(["0 snapshot", "1 stock", "3 snapshot"]);
  });

  describe("with a private channel (the control room's)", () => {
    const sales = (orders: number): PrivateEvent => ({ showId: SHOW, type: "sales", data: { orders, revenueLabel: `${orders * 100}.00 SEK` } });

    it("writes private figures to its viewers unnumbered, and the latest of each type to a viewer who resumes", async () => {
      const { hub, bus, publish } = makeHub({ privateChannel });
      const watcher = new RecordingSink();
      await hub.join(SHOP, SHOW, watcher, null);
      await watcher.holds(1);
      await bus.publish(privateChannel(SHOW), sales(1));
      await bus.publish(privateChannel(SHOW), sales(2));
      await publish(stock(1));
      await bus.publish(privateChannel(SHOW), { showId: SHOW, type: "corrections", data: { stockCorrections: 4 } });
      await watcher.holds(5);
      expect(watcher.text().slice(1)).toEqual([
        'event: sales\ndata: {"orders":1,"revenueLabel":"100.00 SEK"}\n\n',
        'event: sales\ndata: {"orders":2,"revenueLabel":"200.00 SEK"}\n\n',
        expect.stringMatching(/^id: 1\nevent: stock\n/),
        'event: corrections\ndata: {"stockCorrections":4}\n\n',
      ]);

      const back = new RecordingSink();
      await hub.join(SHOP, SHOW, back, 0);
      expect(back.text()).toEqual([
        expect.stringMatching(/^id: 1\nevent: stock\n/),
        'event: sales\ndata: {"orders":2,"revenueLabel":"200.00 SEK"}\n\n',
        'event: corrections\ndata: {"stockCorrections":4}\n\n',
      ]);
    });

    it("sends a joining viewer the figures that arrived while its snapshot loaded, and reads a fresh snapshot after a figure changed", async () => {
      let loads = 0;
      let loading = deferred<Snapshot>();
      const { hub, bus } = makeHub({
        privateChannel,
        loadSnapshot: () => {
          loads++;
          return loading.promise;
        },
      });
      const first = new RecordingSink();
      await hub.join(SHOP, SHOW, first, null);
      await bus.publish(privateChannel(SHOW), sales(1));
      await new Promise<void>((resolve) => setImmediate(resolve));
      loading.resolve(snapshotAt(0));
      await first.holds(2);
      expect(first.text()[1]).toMatch(/^event: sales\n/);

      // The snapshot would otherwise be reused for a minute; it predates the sale.
      loading = deferred<Snapshot>();
      const second = new RecordingSink();
      await hub.join(SHOP, SHOW, second, null);
      loading.resolve(snapshotAt(0));
      await second.holds(1);
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(loads).toBe(2);
      expect(second.text()).toHaveLength(1);
    });

    it("is not subscribed to by a shoppers' hub", async () => {
      const { hub, bus, publish } = makeHub();
      const shopper = new RecordingSink();
      await hub.join(SHOP, SHOW, shopper, null);
      await shopper.holds(1);
      await bus.publish(privateChannel(SHOW), sales(1));
      await publish(stock(1));
      await shopper.holds(2);
      expect(shopper.text().join("")).not.toContain("sales");
    });
  });
});
