// Who watches a show, counted once per viewer across app instances. A viewer is the viewer id in
// their token: two streams with one token (a stream that reconnected before the old socket was
// seen to close) are one viewer. Each instance holds an entry per show with its own viewers and
// renews it while it runs; an instance that dies stops renewing, and its viewers stop counting
// once its entry expires. This file is the model, and the in-process store; the Redis store
// (redis-presence.server.ts) keeps the same model in Redis.

/** One instance's open streams per show and viewer. */
export class LocalViewers {
  private readonly shows = new Map<string, Map<string, number>>();

  /** Counts a stream; true when it is the viewer's first one here. */
  open(showId: string, viewerId: string): boolean {
    let viewers = this.shows.get(showId);
    if (!viewers) this.shows.set(showId, (viewers = new Map()));
    const streams = viewers.get(viewerId) ?? 0;
    viewers.set(viewerId, streams + 1);
    return streams === 0;
  }

  /** Uncounts a stream; true when it was the viewer's last one here. */
  close(showId: string, viewerId: string): boolean {
    const viewers = this.shows.get(showId);
    const streams = viewers?.get(viewerId);
    if (!viewers || streams === undefined) return false;
    if (streams > 1) {
      viewers.set(viewerId, streams - 1);
      return false;
    }
    viewers.delete(viewerId);
    if (!viewers.size) this.shows.delete(showId);
    return true;
  }

  viewersOf(showId: string): string[] {
    return [...(this.shows.get(showId)?.keys() ?? [])];
  }
}

/** Every instance's entry for every show: its viewers, valid until `expiresAt`. */
export class PresenceTable {
  private readonly shows = new Map<string, Map<string, { viewers: Set<string>; expiresAt: number }>>();

  /** Makes the instance's viewers of the show exactly these (none removes its entry), valid until `expiresAt`. */
  renew(showId: string, instanceId: string, viewerIds: readonly string[], expiresAt: number) {
    const entries = this.entriesOf(showId);
    if (viewerIds.length) entries.set(instanceId, { viewers: new Set(viewerIds), expiresAt });
    else entries.delete(instanceId);
  }

  add(showId: string, instanceId: string, viewerId: string, expiresAt: number) {
    const entries = this.entriesOf(showId);
    const entry = entries.get(instanceId);
    if (entry) {
      entry.viewers.add(viewerId);
      entry.expiresAt = expiresAt;
    } else {
      entries.set(instanceId, { viewers: new Set([viewerId]), expiresAt });
    }
  }

  remove(showId: string, instanceId: string, viewerId: string) {
    this.shows.get(showId)?.get(instanceId)?.viewers.delete(viewerId);
  }

  /** Distinct viewers in the entries still valid at `now`; expired entries are dropped. */
  count(showId: string, now: number): number {
    const entries = this.shows.get(showId);
    if (!entries) return 0;
    const viewers = new Set<string>();
    for (const [instanceId, entry] of entries) {
      if (entry.expiresAt <= now) {
        entries.delete(instanceId);
        continue;
      }
      for (const viewer of entry.viewers) viewers.add(viewer);
    }
    if (!entries.size) this.shows.delete(showId);
    return viewers.size;
  }

  private entriesOf(showId: string) {
    let entries = this.shows.get(showId);
    if (!entries) this.shows.set(showId, (entries = new Map()));
    return entries;
  }
}

/** The count last announced for a show, across instances. */
export interface Announced {
  count: number;
  /** When it was announced (ms). */
  at: number;
  /** The minute (minuteOf) whose per-minute figure was last recorded. */
  minute: number;
}

/**
 * What an instance does with a show's count: announce it (it changed), only record it in the
 * per-minute series (unchanged, but a new minute began), nothing, or try again in `ms` (it changed
 * less than an interval after the last announcement).
 */
export type Tally =
  | { kind: "announce"; count: number }
  | { kind: "record"; count: number }
  | { kind: "unchanged"; count: number }
  | { kind: "wait"; ms: number };

export const minuteOf = (ms: number) => Math.floor(ms / 60_000);

/**
 * A count goes out only when it changed, and at most once per interval for the show whichever
 * instance counts. The Redis store decides the same in one script (redis-presence.server.ts), so
 * two instances never announce one change twice.
 */
export function decideTally(last: Announced | undefined, count: number, now: number, intervalMs: number): { tally: Tally; next: Announced | undefined } {
  const minute = minuteOf(now);
  // A show nobody has watched has nothing to announce until someone does.
  const previous = last ?? { count: 0, at: Number.NEGATIVE_INFINITY, minute };
  if (previous.count === count) {
    // A minute without viewers has no row in the series, so only a minute with some is recorded.
    if (previous.minute === minute || count === 0) return { tally: { kind: "unchanged", count }, next: last };
    return { tally: { kind: "record", count }, next: { ...previous, minute } };
  }
  if (now - previous.at < intervalMs) return { tally: { kind: "wait", ms: intervalMs - (now - previous.at) }, next: last };
  return { tally: { kind: "announce", count }, next: { count, at: now, minute } };
}

/** Where instances keep their viewers: this process (one instance), or Redis (redis-presence.server.ts). */
export interface PresenceStore {
  add(showId: string, viewerId: string): Promise<void>;
  remove(showId: string, viewerId: string): Promise<void>;
  /** Makes this instance's viewers of the show exactly these and keeps them counted for another TTL. */
  renew(showId: string, viewerIds: readonly string[]): Promise<void>;
  /** Distinct viewers of the show on every instance whose entry is current. */
  count(showId: string): Promise<number>;
  /** Counts and decides (decideTally), as one step across instances. */
  tally(showId: string, intervalMs: number): Promise<Tally>;
  close(): Promise<void>;
}

const SELF = "this-process";

/** The store of a single app instance. */
export class InProcessPresenceStore implements PresenceStore {
  private readonly table = new PresenceTable();
  private readonly announced = new Map<string, Announced>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async add(showId: string, viewerId: string) {
    this.table.add(showId, SELF, viewerId, this.now() + this.ttlMs);
  }

  async remove(showId: string, viewerId: string) {
    this.table.remove(showId, SELF, viewerId);
  }

  async renew(showId: string, viewerIds: readonly string[]) {
    this.table.renew(showId, SELF, viewerIds, this.now() + this.ttlMs);
  }

  async count(showId: string) {
    return this.table.count(showId, this.now());
  }

  async tally(showId: string, intervalMs: number) {
    const now = this.now();
    const { tally, next } = decideTally(this.announced.get(showId), this.table.count(showId, now), now, intervalMs);
    if (next) this.announced.set(showId, next);
    return tally;
  }

  async close() {}
}
