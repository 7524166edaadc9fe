// The bootstrap's validator. A response is the show's shared snapshot plus the viewer's own part
// (stream token, reminder, the clock at the request), so its ETag names both: the snapshot's hash,
// and when and for whom the viewer's part was made. A repeat load may keep what the browser holds
// (a 304) when the snapshot is unchanged and the viewer's part is still good. A forged ETag gains
// nothing: a 304 carries no data.

/**
 * How long a viewer's part may be reused. The loader corrects the shopper's clock with the
 * cached serverTime, so a countdown drifts by at most this; the stream token (15 minutes) is
 * far from expiring.
 */
export const VIEWER_PART_REUSE_MS = 30_000;

export interface ViewerStamp {
  /** When the viewer's part was made, epoch ms. */
  issuedAt: number;
  signedIn: boolean;
  reminderSaved: boolean;
}

export function bootstrapEtag(snapshotHash: string, stamp: ViewerStamp): string {
  const flags = (stamp.signedIn ? 2 : 0) + (stamp.reminderSaved ? 1 : 0);
  return `"${snapshotHash}.${Math.floor(stamp.issuedAt / 1000).toString(36)}.${flags}"`;
}

/** The entity tags of an If-None-Match header, weak or strong, without their quotes. */
function tagsOf(ifNoneMatch: string): string[] {
  return ifNoneMatch
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .filter((tag) => tag.length > 1 && tag.startsWith('"') && tag.endsWith('"'))
    .map((tag) => tag.slice(1, -1));
}

/** The validator the browser sent that still describes what it should be shown now, or null. */
export function currentBrowserTag(ifNoneMatch: string | null, snapshotHash: string, viewer: Omit<ViewerStamp, "issuedAt">, now: number): string | null {
  if (!ifNoneMatch) return null;
  const current = tagsOf(ifNoneMatch).find((tag) => {
    const [hash, issued, flags, extra] = tag.split(".");
    if (hash !== snapshotHash || extra !== undefined || !issued || !/^[0-9a-z]+$/.test(issued)) return false;
    const age = now - parseInt(issued, 36) * 1000;
    return age >= 0 && age < VIEWER_PART_REUSE_MS && flags === String((viewer.signedIn ? 2 : 0) + (viewer.reminderSaved ? 1 : 0));
  });
  return current === undefined ? null : `"${current}"`;
}
