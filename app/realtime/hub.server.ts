// Each app instance's side of the realtime fan-out: one channel per show that has viewers here,
// subscribed to the bus, keeping a ring of recent events and writing each event's bytes to every
// viewer. Snapshots are loaded elsewhere and handed in (loadSnapshot), so this file knows no database.
//
// Events reach viewers in number order, each exactly once. Two instances publishing to one show
// can reach Redis in the other order than they were numbered, so an event that arrives early
// waits for the ones before it. One that never arrives (published while Redis was down, or while
// this instance's subscription was being re-established) is given up after gapWaitMs: the viewers
// get a fresh snapshot in its place, and the ring no longer offers to replay across the gap.
//
// A hub given a private channel (the control room's) also relays the show's private figures,
// which carry no number: the latest of each type goes to every viewer, and to each who joins.
import type { Bus, Unsubscribe } from "./bus";
import { showChannel } from "./bus";
import type { PrivateEvent, RealtimeEvent } from "./events";
import { commentFrame, eventFrame, unnumberedFrame, type SseFrame } from "./frame";
import { EventRing } from "./ring";
import type { SseSink } from "./sink";
import { log } from "~/lib/log.server";

export interface Snapshot {
  /** The show's event number when the snapshot was read: it reflects every event up to it. */
  seq: number;
  frame: SseFrame;
}

export interface HubOptions {
  bus: Bus;
  ringSize: number;
  /** How long a channel stays subscribed with no viewers, so a quick reconnect can still resume. */
  idleGraceMs: number;
  heartbeatMs: number;
  /** A snapshot is reused this long: a crowd arriving at once costs one read, not one per viewer. */
  snapshotMaxAgeMs: number;
  /** The show's current event number, read after subscribing: everything after it reaches the ring. */
  readEventSeq(shop: string, showId: string): Promise<number>;
  loadSnapshot(shop: string, showId: string): Promise<Snapshot>;
  /** How long an event that arrived ahead of a missing one waits for it before viewers get a snapshot instead (1 s if not given). */
  gapWaitMs?: number;
  /** The show's private channel, for a hub whose viewers may read it (the control room's); a shoppers' hub has none. */
  privateChannel?(showId: string): string;
}

const DEFAULT_GAP_WAIT_MS = 1_000;

interface Viewer {
  sink: SseSink;
  /** Events up to this number are already reflected in what the viewer got (snapshot or replay). */
  floor: number;
  live: boolean;
}

class ShowChannel {
  readonly viewers = new Set<Viewer>();
  closed = false;
  ring: EventRing;
  private unsubscribe: Unsubscribe | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private snapshot: { loaded: Promise<Snapshot>; at: number } | undefined;
  /** Every event up to this number has gone to the viewers, or is reflected in a snapshot they got; null while opening. */
  private delivered: number | null = null;
  /** Events that arrived ahead of one still missing, by number. */
  private readonly early = new Map<number, RealtimeEvent>();
  /** The highest number the show is known to have reached (from the database), delivered or not. */
  private known = 0;
  private gapTimer: NodeJS.Timeout | undefined;
  private resyncing = false;
  private unsubscribePrivate: Unsubscribe | undefined;
  /** The latest private event of each type, with when it arrived (a count), so a viewer gets those its snapshot may predate. */
  private readonly privateLatest = new Map<string, { frame: SseFrame; arrival: number }>();
  private privateArrivals = 0;

  constructor(
    readonly shop: string,
    readonly showId: string,
    private readonly options: HubOptions,
    private readonly onIdle: (channel: ShowChannel) => void,
  ) {
    this.ring = new EventRing(options.ringSize, Number.POSITIVE_INFINITY);
  }

  async open() {
    this.unsubscribe = await this.options.bus.subscribe(showChannel(this.showId), (event) => this.receive(event));
    if (this.options.privateChannel) {
      this.unsubscribePrivate = await this.options.bus.subscribe<PrivateEvent>(this.options.privateChannel(this.showId), (event) => this.receivePrivate(event));
    }
    const seq = await this.options.readEventSeq(this.shop, this.showId);
    this.ring.coveredAfter = seq;
    this.delivered = seq;
    // Events that arrived while the number was read and are not after it are reflected in any snapshot from now on.
    for (const early of this.early.keys()) if (early <= seq) this.early.delete(early);
    this.deliverInOrder();
  }

  /** The show has reached `seq` (read from the database): events up to it that never arrive are replaced by a snapshot. */
  expect(seq: number) {
    if (this.delivered === null || seq <= this.delivered) return;
    this.known = Math.max(this.known, seq);
    this.deliverInOrder();
  }

  /** After the bus lost and regained its subscription: events published meanwhile may be gone. */
  async recheck() {
    try {
      this.expect(await this.options.readEventSeq(this.shop, this.showId));
    } catch (error) {
      log.warn({ err: error }, `Realtime: could not read the event number of show ${this.showId} (${this.shop}) after the bus reconnected`);
    }
  }

  async close() {
    this.closed = true;
    clearTimeout(this.idleTimer);
    clearTimeout(this.gapTimer);
    for (const viewer of this.viewers) viewer.sink.close();
    await Promise.all([this.unsubscribe?.(), this.unsubscribePrivate?.()]);
  }

  receive(event: RealtimeEvent) {
    // Already delivered, or covered by a snapshot the viewers got in its place.
    if (this.delivered !== null && event.seq <= this.delivered) return;
    this.early.set(event.seq, event);
    if (this.delivered !== null) this.deliverInOrder();
  }

  receivePrivate(event: PrivateEvent) {
    const frame = unnumberedFrame(event.type, event.data);
    this.privateLatest.set(event.type, { frame, arrival: ++this.privateArrivals });
    // A snapshot read before this figure changed would show the next viewer to join the old one.
    this.snapshot = undefined;
    for (const viewer of this.viewers) if (viewer.live) viewer.sink.write(frame);
  }

  /** The private figures that arrived after `since` (0: all), for a viewer whose snapshot may predate them. */
  private sendPrivate(viewer: Viewer, since: number) {
    for (const latest of this.privateLatest.values()) if (latest.arrival > since) viewer.sink.write(latest.frame);
  }

  private deliverInOrder() {
    const delivered = this.delivered as number;
    let next = delivered + 1;
    for (let event = this.early.get(next); event; event = this.early.get(++next)) {
      this.early.delete(next);
      this.deliver(event);
    }
    this.delivered = next - 1;
    if (this.early.size === 0 && this.known <= this.delivered) {
      clearTimeout(this.gapTimer);
      this.gapTimer = undefined;
    } else if (!this.gapTimer && !this.resyncing && !this.closed) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = undefined;
        void this.resync();
      }, this.options.gapWaitMs ?? DEFAULT_GAP_WAIT_MS);
      this.gapTimer.unref();
    }
  }

  private deliver(event: RealtimeEvent) {
    const frame = eventFrame(event);
    this.ring.push({ seq: event.seq, frame });
    for (const viewer of this.viewers) {
      if (viewer.live && event.seq > viewer.floor) viewer.sink.write(frame);
    }
  }

  /** Gives up on missing events: a fresh snapshot reflects them, for the viewers and for the ring's promise. */
  private async resync() {
    this.resyncing = true;
    const privateSince = this.privateArrivals;
    try {
      this.snapshot = undefined;
      const snapshot = await this.currentSnapshot();
      const delivered = this.delivered as number;
      // The snapshot was read after everything `known` came from: it is at least as new.
      this.known = 0;
      if (this.closed || snapshot.seq <= delivered) return;
      this.delivered = snapshot.seq;
      this.ring.coveredAfter = Math.max(this.ring.coveredAfter, snapshot.seq);
      for (const early of this.early.keys()) if (early <= snapshot.seq) this.early.delete(early);
      for (const viewer of this.viewers) {
        if (!viewer.live || viewer.floor >= snapshot.seq) continue;
        viewer.sink.write(snapshot.frame);
        viewer.floor = snapshot.seq;
        this.sendPrivate(viewer, privateSince);
      }
    } catch (error) {
      // The timer armed again below retries; meanwhile the viewers wait, as they would for a slow event.
      log.warn({ err: error }, `Realtime: show ${this.showId} (${this.shop}) missed events and its snapshot could not be loaded`);
    } finally {
      this.resyncing = false;
      if (!this.closed) this.deliverInOrder();
    }
  }

  /** Resumes after lastSeq from the ring when it holds everything since; otherwise sends a snapshot. */
  join(sink: SseSink, lastSeq: number | null) {
    clearTimeout(this.idleTimer);
    const viewer: Viewer = { sink, floor: -1, live: false };
    this.viewers.add(viewer);
    sink.onClose(() => this.leave(viewer));
    if (lastSeq !== null && this.ring.canReplayAfter(lastSeq)) {
      this.catchUp(viewer, lastSeq);
      this.sendPrivate(viewer, 0);
    } else {
      void this.sendSnapshot(viewer);
    }
  }

  private catchUp(viewer: Viewer, after: number) {
    let floor = after;
    for (const entry of this.ring.after(after)) {
      viewer.sink.write(entry.frame);
      floor = Math.max(floor, entry.seq);
    }
    viewer.floor = floor;
    viewer.live = true;
  }

  private async sendSnapshot(viewer: Viewer, attempts = 3, privateSince = this.privateArrivals): Promise<void> {
    let snapshot: Snapshot;
    try {
      snapshot = await this.currentSnapshot();
    } catch (error) {
      log.error({ err: error }, `Realtime: could not load the snapshot of show ${this.showId} (${this.shop}); closing the stream`);
      viewer.sink.close();
      return;
    }
    if (!this.viewers.has(viewer)) return;
    // The snapshot may be ahead of the bus: its events are on their way, or lost.
    this.expect(snapshot.seq);
    // Events after the snapshot's number that arrived while it loaded are in the ring; in the rare
    // case the ring has already let them go, a fresh snapshot is the only complete answer.
    if (!this.ring.canReplayAfter(snapshot.seq)) {
      this.snapshot = undefined;
      if (attempts > 1) return this.sendSnapshot(viewer, attempts - 1, privateSince);
      viewer.sink.close();
      return;
    }
    viewer.sink.write(snapshot.frame);
    this.catchUp(viewer, snapshot.seq);
    this.sendPrivate(viewer, privateSince);
  }

  private currentSnapshot(): Promise<Snapshot> {
    const now = Date.now();
    // Reused while younger than the maximum age, so a maximum of 0 always reads it afresh.
    if (!this.snapshot || now - this.snapshot.at >= this.options.snapshotMaxAgeMs) {
      const loaded = this.options.loadSnapshot(this.shop, this.showId);
      this.snapshot = { loaded, at: now };
      loaded.catch(() => {
        if (this.snapshot?.loaded === loaded) this.snapshot = undefined;
      });
    }
    return this.snapshot.loaded;
  }

  private leave(viewer: Viewer) {
    this.viewers.delete(viewer);
    if (this.viewers.size) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (!this.viewers.size) this.onIdle(this);
    }, this.options.idleGraceMs);
    this.idleTimer.unref();
  }
}

export class RealtimeHub {
  private readonly channels = new Map<string, Promise<ShowChannel>>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly heartbeatFrame = commentFrame("heartbeat");

  private readonly stopRechecks: (() => void) | undefined;

  constructor(private readonly options: HubOptions) {
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs);
    this.heartbeat.unref();
    this.stopRechecks = options.bus.onResubscribed?.(() => {
      for (const channel of this.channels.values()) void channel.then((open) => open.recheck(), () => undefined);
    });
  }

  /** Adds a viewer to the show's channel, subscribing this instance to the show first if needed. */
  async join(shop: string, showId: string, sink: SseSink, lastSeq: number | null): Promise<void> {
    for (;;) {
      const channel = await this.channel(shop, showId);
      // The channel may have gone idle and closed between being found and this turn.
      if (!channel.closed) return channel.join(sink, lastSeq);
    }
  }

  /** Opens (or finds) the show's channel; once this resolves, no event published after is missed. */
  channel(shop: string, showId: string): Promise<ShowChannel> {
    let channel = this.channels.get(showId);
    if (!channel) {
      const created = new ShowChannel(shop, showId, this.options, (idle) => this.drop(idle));
      channel = created.open().then(() => created);
      this.channels.set(showId, channel);
      channel.catch(() => this.channels.delete(showId));
    }
    return channel;
  }

  viewerCount(showId: string): Promise<number> {
    return this.channels.get(showId)?.then((channel) => channel.viewers.size) ?? Promise.resolve(0);
  }

  async close() {
    clearInterval(this.heartbeat);
    this.stopRechecks?.();
    const channels = await Promise.allSettled(this.channels.values());
    this.channels.clear();
    await Promise.all(channels.map((result) => (result.status === "fulfilled" ? result.value.close() : undefined)));
  }

  private drop(channel: ShowChannel) {
    void this.channels.get(channel.showId)?.then((current) => {
      if (current !== channel || channel.viewers.size) return;
      this.channels.delete(channel.showId);
      return channel.close();
    });
  }

  private beat() {
    for (const channel of this.channels.values()) {
      void channel.then((open) => {
        for (const viewer of open.viewers) viewer.sink.write(this.heartbeatFrame);
      });
    }
  }
}
