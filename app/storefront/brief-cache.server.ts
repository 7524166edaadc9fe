// What the storefront reads from the Admin API, kept briefly: a crowd opening a show at once must
// not become a crowd of Admin API calls, so answers live a few seconds per key and concurrent
// readers of the same key share one call.

export type BriefCache<T> = Map<string, { at: number; loaded: Promise<T> }>;

export interface BriefCachePolicy {
  maxAgeMs: number;
  /** Past this many keys the cache starts over rather than growing with every lineup and country. */
  maxEntries: number;
}

export function readBriefly<T>(cache: BriefCache<T>, key: string, policy: BriefCachePolicy, now: number, load: () => Promise<T>): Promise<T> {
  const cached = cache.get(key);
  if (cached && now - cached.at < policy.maxAgeMs) return cached.loaded;
  if (cache.size >= policy.maxEntries) cache.clear();
  const loaded = load();
  cache.set(key, { at: now, loaded });
  // A failed read is not kept: the next viewer tries again.
  loaded.catch(() => {
    if (cache.get(key)?.loaded === loaded) cache.delete(key);
  });
  return loaded;
}
