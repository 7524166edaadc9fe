// Who is posting: the viewer token the bootstrap handed out names a viewer (a random id, nothing
// about the person), which is a guest's only identity, for rate limits and bans; a signed-in
// shopper is also named by the app proxy's signed customer id.
import { createHash } from "node:crypto";
import { env } from "~/env.server";
import { readViewerToken } from "~/realtime/viewer-token.server";

/** The viewer a token names for this show, or null when it is not a genuine current token for it. */
export function chatViewerOf(token: string, showId: string, now = new Date()): string | null {
  const read = readViewerToken(env().APP_SECRET, token, showId, now);
  if (!read) return null;
  // A token signed before tokens carried a viewer id (one bootstrap's, at most VIEWER_TOKEN_TTL_MS
  // old) stands for its own viewer: each bootstrap signs a different one.
  return read.viewer?.viewerId ?? `token-${createHash("sha256").update(token).digest("base64url").slice(0, 22)}`;
}
