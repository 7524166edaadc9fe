// This instance's side of counting viewers (presence.ts): it adds and removes its viewers as
// their streams open and close, renews its entries, and recounts the shows it has viewers of, or
// whose figures someone follows here, so a change (or a dead instance's viewers expiring) is
// announced. What an announcement does is the caller's (the storefront's audience.server.ts).
import { randomUUID } from "node:crypto";
import { InProcessPresenceStore, LocalViewers, type PresenceStore, type Tally } from "./presence";
import { RedisPresenceStore } from "./redis-presence.server";
import { log } from "~/lib/log.server";

export interface ViewerPresenceOptions {
  store: PresenceStore;
  /** How often entries are renewed and the followed shows recounted. */
  renewMs: number;
  /** At most one announcement per show per interval, whichever instance makes it. */
  announceIntervalMs: number;
  /** A new count (announce), or the same count in a new minute (record). */
  announce(shop: string, showId: string, tally: Extract<Tally, { kind: "announce" | "record" }>, at: Date): Promise<void>;
}

export function createPresenceStore(redisUrl: string | undefined, ttlMs: number): PresenceStore {
  return redisUrl ? new RedisPresenceStore(redisUrl, randomUUID(), ttlMs) : new InProcessPresenceStore(ttlMs);
}

export class ViewerPresence {
  private readonly local = new LocalViewers();
  /** Shows this instance holds an entry for, with their shop. */
  private readonly held = new Map<string, string>();
  /** Shows whose figures are followed here, with their shop and how many follow them. */
  private readonly watched = new Map<string, { shop: string; watchers: number }>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly renewal: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly options: ViewerPresenceOptions) {
    this.renewal = setInterval(() => void this.renewAll(), options.renewMs);
    this.renewal.unref();
  }

  /** Counts one open stream of a viewer; the function it answers uncounts it (once). */
  join(shop: string, showId: string, viewerId: string): () => void {
    this.held.set(showId, shop);
    if (this.local.open(showId, viewerId)) void this.change(showId, () => this.options.store.add(showId, viewerId));
    let left = false;
    return () => {
      if (left) return;
      left = true;
      if (this.local.close(showId, viewerId)) void this.change(showId, () => this.options.store.remove(showId, viewerId));
    };
  }

  /**
   * Keeps the show recounted while its figures are followed here, though no viewer of it may be:
   * when the instance that held its viewers dies, someone must see them expire.
   */
  watch(shop: string, showId: string): () => void {
    const watched = this.watched.get(showId);
    if (watched) watched.watchers++;
    else this.watched.set(showId, { shop, watchers: 1 });
    let stopped = false;
    return () => {
      const current = this.watched.get(showId);
      if (stopped || !current) return;
      stopped = true;
      if (--current.watchers === 0) this.watched.delete(showId);
    };
  }

  count(showId: string): Promise<number> {
    return this.options.store.count(showId);
  }

  /** Takes this instance's viewers out of every count (its streams are closing) and stops. */
  async close() {
    this.closed = true;
    clearInterval(this.renewal);
    for (const timer of this.pending.values()) clearTimeout(timer);
    await Promise.allSettled([...this.held.keys()].map((showId) => this.options.store.renew(showId, [])));
    await this.options.store.close();
  }

  private async change(showId: string, write: () => Promise<void>) {
    try {
      await write();
    } catch (error) {
      log.warn(`Viewer presence: show ${showId}'s viewers could not be updated (${(error as Error).message}); the next renewal repairs it`);
    }
    this.schedule(showId, 0);
  }

  private async renewAll() {
    for (const [showId] of this.held) {
      const viewers = this.local.viewersOf(showId);
      if (!viewers.length) this.held.delete(showId);
      try {
        await this.options.store.renew(showId, viewers);
      } catch (error) {
        log.warn(`Viewer presence: show ${showId}'s viewers could not be renewed (${(error as Error).message})`);
      }
    }
    for (const showId of new Set([...this.held.keys(), ...this.watched.keys()])) this.schedule(showId, 0);
  }

  private schedule(showId: string, delayMs: number) {
    if (this.closed || this.pending.has(showId)) return;
    const timer = setTimeout(() => {
      this.pending.delete(showId);
      void this.tally(showId);
    }, delayMs);
    timer.unref();
    this.pending.set(showId, timer);
  }

  private async tally(showId: string) {
    const shop = this.held.get(showId) ?? this.watched.get(showId)?.shop;
    if (!shop) return;
    try {
      const tally = await this.options.store.tally(showId, this.options.announceIntervalMs);
      if (tally.kind === "wait") this.schedule(showId, tally.ms);
      else if (tally.kind !== "unchanged") await this.options.announce(shop, showId, tally, new Date());
    } catch (error) {
      log.warn(`Viewer presence: show ${showId}'s viewers could not be counted or announced (${(error as Error).message}); the next renewal tries again`);
    }
  }
}
