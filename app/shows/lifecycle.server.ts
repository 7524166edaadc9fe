import prisma from "~/db.server";
import { announceToViewers } from "./show-events.server";
import { appendTimelineEvent } from "./timeline.server";
import { deriveLifecycle, type LifecycleEventKind, type LifecycleState } from "./lifecycle";
import { log } from "~/lib/log.server";

const LIFECYCLE_PREFIX = "lifecycle.";

/**
 * Records one lifecycle event on the show's timeline and recomputes the status from every
 * lifecycle event it has, in the order they happened. Returns the new state.
 */
export async function recordLifecycleEvent(
  shop: string,
  showId: string,
  kind: LifecycleEventKind,
  at: Date,
  detail: Record<string, unknown> = {},
): Promise<LifecycleState> {
  const { state, before, seq } = await prisma.$transaction(async (tx) => {
    const { status: before } = await tx.show.findFirstOrThrow({ where: { id: showId, shop }, select: { status: true } });
    const { seq } = await appendTimelineEvent(tx, shop, showId, `${LIFECYCLE_PREFIX}${kind}`, detail, at);
    const rows = await tx.showEvent.findMany({
      where: { shop, showId, type: { startsWith: LIFECYCLE_PREFIX } },
      orderBy: { seq: "asc" },
    });
    const { state, refusals } = deriveLifecycle(
      rows.map((row) => ({
        kind: row.type.slice(LIFECYCLE_PREFIX.length) as LifecycleEventKind,
        at: new Date((JSON.parse(row.payload) as { at: string }).at),
      })),
    );
    for (const refusal of refusals.filter((r) => r.event.kind === kind && r.event.at.getTime() === at.getTime())) {
      log.warn(`[shows] ${shop} show ${showId}: refused ${kind} while ${refusal.from}: ${refusal.reason}`);
    }
    await tx.show.update({ where: { id: showId, shop }, data: state });
    return { state, before, seq };
  });
  if (state.status !== before) await announceToViewers(shop, showId, seq, "status", { status: state.status });
  return state;
}
