// What the storefront's beacons say, summed in memory per show and minute until the next flush
// writes it (viewer-ingest.server.ts). Pure: the arithmetic is tested on synthetic streams.
//
// A heartbeat means "watched the last 15 seconds", so a minute holds at most four of a viewer's:
// watch time can never pass wall time × viewers, however a client (or a forger with a genuine
// token) sends them. Every event carries the page's own sequence number, so a batch sent twice
// counts once.

export const HEARTBEAT_SECONDS = 15;
export const MINUTE_MS = 60_000;
const BEATS_PER_MINUTE = MINUTE_MS / (HEARTBEAT_SECONDS * 1000);
/** Sequence numbers this far below a viewer's highest are taken for replays and not counted. */
const REPLAY_WINDOW = 256;

export const VIEWER_EVENT_TYPES = ["view", "beat", "product", "cart", "checkout"] as const;
export type ViewerEventType = (typeof VIEWER_EVENT_TYPES)[number];

export interface ViewerEvent {
  /** The page's sequence number for the event, from 1. */
  n: number;
  type: ViewerEventType;
  /** When it happened, on the server's clock (milliseconds since the epoch). */
  at: number;
}

export interface ViewerBatch {
  shop: string;
  showId: string;
  viewerId: string;
  receivedAt: number;
  events: readonly ViewerEvent[];
}

export interface MinuteDelta {
  shop: string;
  showId: string;
  minute: number;
  watchSeconds: number;
  views: number;
  productViews: number;
  addToCarts: number;
  checkouts: number;
}

export interface ViewerKey {
  shop: string;
  showId: string;
  viewerId: string;
}

/** What one flush writes: additions to minutes, viewers seen for the first time, and flags. */
export interface ViewerActivity {
  minutes: MinuteDelta[];
  newViewers: (ViewerKey & { firstMinute: number })[];
  addedToCart: ViewerKey[];
  checkedOut: ViewerKey[];
}

export interface ActivityLimits {
  /** Events one viewer may send in a minute; a batch that would pass it is refused whole. */
  eventsPerViewerMinute: number;
  /** Viewers one instance keeps in memory; a new one past it is refused until idle ones go. */
  maxViewers: number;
  /** A viewer silent this long is forgotten (its replay window too). */
  idleMs: number;
}

export const DEFAULT_ACTIVITY_LIMITS: ActivityLimits = { eventsPerViewerMinute: 60, maxViewers: 200_000, idleMs: 15 * MINUTE_MS };

/** `ignored`: events already counted (a batch sent again), and heartbeats past a minute's four. */
export type BatchVerdict = { ok: true; counted: number; ignored: number } | { ok: false; reason: "rate_limited" | "busy" };

interface ViewerState {
  key: ViewerKey;
  lastSeen: number;
  /** Written to ShowViewer already (by this instance), or queued for the next flush. */
  recorded: boolean;
  highest: number;
  seen: Set<number>;
  /** Heartbeats counted per minute, for the 4-a-minute cap. */
  beats: Map<number, number>;
  /** Events taken in the rate window that started at windowStart. */
  windowStart: number;
  windowEvents: number;
}

export const minuteOf = (ms: number) => Math.floor(ms / MINUTE_MS);

/** A heartbeat covers the 15 seconds before it: it counts in the minute holding their middle. */
const beatMinute = (at: number) => minuteOf(at - (HEARTBEAT_SECONDS * 1000) / 2);

export class ViewerActivityBuffer {
  private readonly viewers = new Map<string, ViewerState>();
  private minutes = new Map<string, MinuteDelta>();
  private newViewers = new Map<string, ViewerKey & { firstMinute: number }>();
  private addedToCart = new Map<string, ViewerKey>();
  private checkedOut = new Map<string, ViewerKey>();

  constructor(private readonly limits: ActivityLimits = DEFAULT_ACTIVITY_LIMITS) {}

  /** Counts a batch, or refuses it whole (nothing of a refused batch is counted). */
  add(batch: ViewerBatch): BatchVerdict {
    const id = `${batch.showId} ${batch.viewerId}`;
    let viewer = this.viewers.get(id);
    if (!viewer) {
      if (this.viewers.size >= this.limits.maxViewers) return { ok: false, reason: "busy" };
      viewer = {
        key: { shop: batch.shop, showId: batch.showId, viewerId: batch.viewerId },
        lastSeen: batch.receivedAt,
        recorded: false,
        highest: 0,
        seen: new Set(),
        beats: new Map(),
        windowStart: batch.receivedAt,
        windowEvents: 0,
      };
    }
    if (batch.receivedAt - viewer.windowStart >= MINUTE_MS) {
      viewer.windowStart = batch.receivedAt;
      viewer.windowEvents = 0;
    }
    if (viewer.windowEvents + batch.events.length > this.limits.eventsPerViewerMinute) return { ok: false, reason: "rate_limited" };
    viewer.windowEvents += batch.events.length;
    viewer.lastSeen = batch.receivedAt;
    this.viewers.set(id, viewer);

    let counted = 0;
    for (const event of [...batch.events].sort((a, b) => a.n - b.n)) {
      if (this.firstSight(viewer, event.n) && this.count(viewer, event)) counted += 1;
    }
    return { ok: true, counted, ignored: batch.events.length - counted };
  }

  /** Takes what accumulated since the last drain; the caller writes it, or gives it back. */
  drain(): ViewerActivity {
    const activity: ViewerActivity = {
      minutes: [...this.minutes.values()],
      newViewers: [...this.newViewers.values()],
      addedToCart: [...this.addedToCart.values()],
      checkedOut: [...this.checkedOut.values()],
    };
    this.minutes = new Map();
    this.newViewers = new Map();
    this.addedToCart = new Map();
    this.checkedOut = new Map();
    return activity;
  }

  /** Puts back a drained batch whose write failed, so the next flush writes it with what came since. */
  restore(activity: ViewerActivity): void {
    for (const delta of activity.minutes) {
      const into = this.minuteDelta(delta, delta.minute);
      into.watchSeconds += delta.watchSeconds;
      into.views += delta.views;
      into.productViews += delta.productViews;
      into.addToCarts += delta.addToCarts;
      into.checkouts += delta.checkouts;
    }
    for (const viewer of activity.newViewers) {
      const id = `${viewer.showId} ${viewer.viewerId}`;
      const known = this.newViewers.get(id);
      if (!known || known.firstMinute > viewer.firstMinute) this.newViewers.set(id, viewer);
    }
    for (const key of activity.addedToCart) this.addedToCart.set(`${key.showId} ${key.viewerId}`, key);
    for (const key of activity.checkedOut) this.checkedOut.set(`${key.showId} ${key.viewerId}`, key);
  }

  /** Forgets viewers silent for `idleMs`. Answers how many remain. */
  prune(now: number): number {
    for (const [id, viewer] of this.viewers) if (now - viewer.lastSeen >= this.limits.idleMs) this.viewers.delete(id);
    return this.viewers.size;
  }

  get pending(): boolean {
    return this.minutes.size + this.newViewers.size + this.addedToCart.size + this.checkedOut.size > 0;
  }

  private firstSight(viewer: ViewerState, n: number): boolean {
    if (n <= viewer.highest - REPLAY_WINDOW || viewer.seen.has(n)) return false;
    viewer.seen.add(n);
    if (n > viewer.highest) {
      viewer.highest = n;
      for (const old of viewer.seen) if (old <= n - REPLAY_WINDOW) viewer.seen.delete(old);
    }
    return true;
  }

  private count(viewer: ViewerState, event: ViewerEvent): boolean {
    const { key } = viewer;
    const id = `${key.showId} ${key.viewerId}`;
    if (!viewer.recorded) {
      viewer.recorded = true;
      this.newViewers.set(id, { ...key, firstMinute: minuteOf(event.at) });
    }
    if (event.type === "beat") {
      const minute = beatMinute(event.at);
      const beats = viewer.beats.get(minute) ?? 0;
      if (beats >= BEATS_PER_MINUTE) return false;
      viewer.beats.set(minute, beats + 1);
      // Only the minutes a late batch can still reach are worth remembering.
      if (viewer.beats.size > 16) viewer.beats.delete(Math.min(...viewer.beats.keys()));
      this.minuteDelta(key, minute).watchSeconds += HEARTBEAT_SECONDS;
      return true;
    }
    const delta = this.minuteDelta(key, minuteOf(event.at));
    if (event.type === "view") delta.views += 1;
    else if (event.type === "product") delta.productViews += 1;
    else if (event.type === "cart") {
      delta.addToCarts += 1;
      this.addedToCart.set(id, key);
    } else {
      delta.checkouts += 1;
      this.checkedOut.set(id, key);
    }
    return true;
  }

  private minuteDelta(key: { shop: string; showId: string }, minute: number): MinuteDelta {
    const id = `${key.showId} ${minute}`;
    let delta = this.minutes.get(id);
    if (!delta) {
      delta = { shop: key.shop, showId: key.showId, minute, watchSeconds: 0, views: 0, productViews: 0, addToCarts: 0, checkouts: 0 };
      this.minutes.set(id, delta);
    }
    return delta;
  }
}
