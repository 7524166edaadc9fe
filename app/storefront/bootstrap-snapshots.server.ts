// The bootstrap served from memory. A show's first minute is a storm: thousands of shoppers load
// the same show at once, and each used to cost a dozen database reads and the Admin API. Every
// viewer of a show in one market reads the same snapshot (show, lineup, prices, stock, pin, deal),
// built once and kept until the show changes; only the viewer's own part (stream token, reminder,
// clock) is made per request. A change to the show reaches every instance as an event on the show's
// channel on the bus, which is what drops the snapshots of its shop here.
import { createHash } from "node:crypto";
import type { Bus } from "~/realtime/bus";
import { showChannel } from "~/realtime/bus";
import { getBus } from "~/realtime/bus.server";
import type { RealtimeEvent, ShowEventType } from "~/realtime/events";
import { issuesOf } from "~/http/field-errors";
import { log } from "~/lib/log.server";
import { isSignedByAppProxy } from "~/shopify/app-proxy-signature.server";
import type { BootstrapNotFound } from "./bootstrap-contract";
import { bootstrapEtag, currentBrowserTag } from "./bootstrap-etag";
import { buildSharedBootstrap, loadShowBootstrap, realtimeOf, reminderOf, type BootstrapRequest } from "./bootstrap.server";
import { bootstrapQuery, showSelector } from "./proxy-input";

/** Events that change what the bootstrap shows; chat, viewer counts and the encoder do not. */
const CHANGING_EVENTS: ReadonlySet<ShowEventType> = new Set(["status", "pin", "deal", "stock"]);

export const SNAPSHOT_POLICY = {
  /**
   * A show edited in the admin, or a product edited in Shopify, sends no event; the lineup's
   * catalog is itself read through a 30-second cache (LINEUP_CACHE_POLICY), so a snapshot is
   * rebuilt at that pace too, while viewers are served the one it replaces. Rebuilding an
   * unchanged show keeps its hash, so 304s continue.
   */
  showMaxAgeMs: 30_000,
  /** Which show is "current" changes when another show of the shop goes live, on a channel this instance may not hear. */
  currentMaxAgeMs: 5_000,
  notFoundMaxAgeMs: 5_000,
  /** Past this many (show, market) snapshots the cache starts over rather than growing. */
  maxEntries: 5_000,
};

type SnapshotRequest = Omit<BootstrapRequest, "customerId" | "previewToken" | "now">;

export interface Snapshot {
  shop: string;
  /** The shop's generation when the build began: any change heard since makes it stale. */
  generation: number;
  /** When time alone changes it (the running deal ends): past this it is never served. */
  staleAt: number;
  /** Past this it is served while a fresh one is built, for a change that sends no event. */
  refreshAt: number;
  answer: { found: true; show: { id: string; status: string }; json: string; hash: string } | { found: false; notFound: BootstrapNotFound };
}

function snapshotKey({ shop, selector, lite, buyer }: SnapshotRequest): string {
  // The language matters only when prices are in a market's currency.
  const market = buyer.country ? `${buyer.country}:${buyer.locale ?? ""}` : "";
  return [shop, selector.kind === "id" ? selector.showId : "current", lite ? "lite" : "full", market].join("|");
}

export class BootstrapSnapshots {
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly building = new Map<string, Promise<Snapshot>>();
  private readonly generations = new Map<string, number>();
  /** The shows whose channel this instance listens to, with their shop. */
  private readonly watching = new Map<string, { shop: string; ready: Promise<unknown> }>();

  constructor(
    private readonly bus: Bus,
    private readonly clock: () => number = Date.now,
  ) {
    // Whatever was published while Redis was away did not arrive here.
    bus.onResubscribed?.(() => this.snapshots.clear());
  }

  read(request: SnapshotRequest): Promise<Snapshot> {
    const key = snapshotKey(request);
    const cached = this.snapshots.get(key);
    const now = this.clock();
    const current = cached && cached.generation === this.generationOf(cached.shop) && now < cached.staleAt ? cached : undefined;
    if (current && now < current.refreshAt) return Promise.resolve(current);
    const pending = this.building.get(key) ?? this.rebuild(key, request);
    if (!current) return pending;
    // Nothing was heard of the show since: the viewers need not wait for the check.
    pending.catch((error: unknown) => log.warn(`[storefront] ${request.shop}: refreshing a bootstrap snapshot failed, serving the last one: ${(error as Error).message}`));
    return Promise.resolve(current);
  }

  private rebuild(key: string, request: SnapshotRequest): Promise<Snapshot> {
    const built = this.build(key, request).finally(() => this.building.delete(key));
    this.building.set(key, built);
    return built;
  }

  private generationOf(shop: string): number {
    return this.generations.get(shop) ?? 0;
  }

  private async build(key: string, request: SnapshotRequest): Promise<Snapshot> {
    const generation = this.generationOf(request.shop);
    const now = this.clock();
    const built = await buildSharedBootstrap({ ...request, previewToken: null }, new Date(now));
    let snapshot: Snapshot;
    if (built.found) {
      const json = JSON.stringify(built.shared);
      const maxAge = request.selector.kind === "current" ? SNAPSHOT_POLICY.currentMaxAgeMs : SNAPSHOT_POLICY.showMaxAgeMs;
      // Until this instance hears the show's channel, an event may have passed it by during the build.
      const heard = await this.watch(request.shop, built.show.id);
      snapshot = {
        shop: request.shop,
        generation,
        staleAt: heard ? (built.staleAt?.getTime() ?? Infinity) : now,
        refreshAt: now + maxAge,
        answer: { found: true, show: { id: built.show.id, status: built.show.status }, json, hash: createHash("sha256").update(json).digest("base64url").slice(0, 22) },
      };
    } else {
      // A show asked for by id may be a rehearsal that goes public without an event on its
      // channel: its absence is not kept. Which show is current may wait a few seconds.
      const keptUntil = request.selector.kind === "id" ? now : now + SNAPSHOT_POLICY.notFoundMaxAgeMs;
      snapshot = { shop: request.shop, generation, staleAt: keptUntil, refreshAt: keptUntil, answer: built };
    }
    if (this.snapshots.size >= SNAPSHOT_POLICY.maxEntries) this.snapshots.clear();
    this.snapshots.set(key, snapshot);
    return snapshot;
  }

  /** Listens to the show's channel; answers whether it already did before this call. */
  private async watch(shop: string, showId: string): Promise<boolean> {
    const known = this.watching.get(showId);
    if (known) {
      await known.ready;
      return true;
    }
    const ready = this.bus.subscribe<RealtimeEvent>(showChannel(showId), (event) => {
      if (CHANGING_EVENTS.has(event.type)) this.generations.set(shop, this.generationOf(shop) + 1);
    });
    this.watching.set(showId, { shop, ready });
    try {
      await ready;
    } catch (error) {
      this.watching.delete(showId);
      log.warn(`[storefront] ${shop} show ${showId}: cannot hear its changes (${(error as Error).message}); its bootstrap is built per request until then`);
    }
    return false;
  }
}

declare global {
  // One cache per process, also across Vite's module reloads in development.
  var liveShowsBootstrapSnapshots: BootstrapSnapshots | undefined;
}

function snapshots(): BootstrapSnapshots {
  globalThis.liveShowsBootstrapSnapshots ??= new BootstrapSnapshots(getBus());
  return globalThis.liveShowsBootstrapSnapshots;
}

/** Private: never in a shared cache. No-cache: the browser asks again on every load, with its ETag. */
const VALIDATED = { "Cache-Control": "private, no-cache" };
const JSON_TYPE = { "Content-Type": "application/json; charset=utf-8" };

/** An answer either transport writes as it is: Remix's route, or the plain Node handler (bootstrap-node.server.ts). */
export interface BootstrapReply {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

function jsonReply(status: number, body: unknown, headers: Record<string, string> = { "Cache-Control": "no-store" }): BootstrapReply {
  return { status, headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

/**
 * GET /apps/live/shows/:showId through the app proxy: the bootstrap for one viewer, the shared
 * snapshot with their own part, or a 304 when the browser's copy is still right. A preview is
 * built whole for its previewer, as before.
 */
export async function replyToBootstrap(showId: string, url: URL, ifNoneMatch: string | null, now = new Date()): Promise<BootstrapReply> {
  const query = url.searchParams;
  if (!(await isSignedByAppProxy(query))) {
    return jsonReply(401, { error: "The app proxy signature is missing or invalid", reason: "bad_signature" });
  }
  const shop = (query.get("shop") ?? "").toLowerCase();
  const selector = showSelector.safeParse(showId);
  if (!selector.success) return jsonReply(404, { error: `${shop} has no show ${showId}`, reason: "unknown_show" });
  const input = bootstrapQuery.safeParse(Object.fromEntries(query));
  if (!input.success) return jsonReply(400, { error: issuesOf(input.error), reason: "bad_request" });
  const customer = query.get("logged_in_customer_id") ?? "";
  const { preview, lite, country, locale } = input.data;
  const request: BootstrapRequest = {
    shop,
    customerId: /^\d+$/.test(customer) ? `gid://shopify/Customer/${customer}` : null,
    selector: selector.data,
    previewToken: preview ?? null,
    lite: lite === "1",
    buyer: { country: country ?? null, locale: locale ?? null },
    now,
  };

  if (request.previewToken !== null) {
    const answer = await loadShowBootstrap(request);
    return answer.found ? jsonReply(200, answer.bootstrap, VALIDATED) : jsonReply(404, answer.notFound);
  }
  const { answer } = await snapshots().read(request);
  if (!answer.found) return jsonReply(404, answer.notFound);
  const reminder = await reminderOf(shop, answer.show, request.customerId);
  const viewer = { signedIn: reminder.signedIn, reminderSaved: reminder.saved };
  const current = currentBrowserTag(ifNoneMatch, answer.hash, viewer, now.getTime());
  if (current) return { status: 304, headers: { ...VALIDATED, ETag: current }, body: null };
  const own = JSON.stringify({ serverTime: now.toISOString(), realtime: realtimeOf(shop, answer.show.id, now, false), reminder });
  // Spliced, not re-serialized: the lineup is written once per snapshot, not once per viewer.
  const body = `${answer.json.slice(0, -1)},${own.slice(1)}`;
  return { status: 200, headers: { ...JSON_TYPE, ...VALIDATED, ETag: bootstrapEtag(answer.hash, { issuedAt: now.getTime(), ...viewer }) }, body };
}
