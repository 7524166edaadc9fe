import prisma from "~/db.server";
import type { OnlineLocations } from "./levels";

// Every stock recompute needs the set and it changes rarely: a few seconds' staleness on
// another instance is cheaper than a read per webhook; this instance forgets it on change.
const MAX_AGE_MS = 5_000;
const recentlyRead = new Map<string, { online: OnlineLocations; at: number }>();

/**
 * The locations whose stock a shop sells online. Until the app has read the shop's locations
 * (syncOnlineLocations), every location counts: showing stock that exists beats hiding it.
 */
export async function getOnlineLocations(shop: string): Promise<OnlineLocations> {
  const cached = recentlyRead.get(shop);
  if (cached && Date.now() - cached.at < MAX_AGE_MS) return cached.online;
  const row = await prisma.shop.findUnique({ where: { domain: shop }, select: { onlineLocationIds: true } });
  const online = parseOnlineLocations(row?.onlineLocationIds ?? null);
  if (recentlyRead.size > 10_000) recentlyRead.clear();
  recentlyRead.set(shop, { online, at: Date.now() });
  return online;
}


/** Sets the shop's online locations (Location GIDs), or null to count every location again. */
export async function setOnlineLocations(shop: string, locationIds: readonly string[] | null): Promise<void> {
  const onlineLocationIds = locationIds === null ? null : [...new Set(locationIds)].join(",");
  await prisma.shop.upsert({ where: { domain: shop }, create: { domain: shop, onlineLocationIds }, update: { onlineLocationIds } });
  recentlyRead.delete(shop);
}

export function parseOnlineLocations(stored: string | null): OnlineLocations {
  if (stored === null) return "all";
  return new Set(stored.split(",").filter(Boolean));
}
