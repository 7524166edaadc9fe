import { afterEach, describe, expect, it } from "vitest";
import { showChannel, type Bus } from "./bus";
import type { RealtimeEvent } from "./events";
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
