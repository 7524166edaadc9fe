// A shop's live streams while the app is not installed: after app/uninstalled no encoder may put
// one of its shows on air (nothing could sell, and a show going live would bill a shop that has
// left), so every stream of a show still to come or on air is disabled at Mux; a broadcast under
// way ends, and Mux's events end its show as usual. Installing again enables the streams of
// shows still to come, so a merchant who comes back finds their schedule working.
import prisma from "~/db.server";
import { disableLiveStream, enableLiveStream } from "~/video/mux.server";
import { log } from "~/lib/log.server";

const NOT_OVER = ["draft", "scheduled", "live"];

/**
 * Disables the stream of every show of the shop that has not ended. Disabling twice is harmless,
 * so a second delivery of the webhook does it again; a stream Mux could not disable fails the
 * whole call (after trying the others), so Shopify's retry tries it again.
 */
export async function disableShopStreams(shop: string): Promise<{ disabled: string[] }> {
  const shows = await prisma.show.findMany({
    where: { shop, status: { in: NOT_OVER }, muxLiveStreamId: { not: null } },
    select: { id: true, muxLiveStreamId: true },
  });
  const disabled: string[] = [];
  const failures: string[] = [];
  for (const show of shows) {
    try {
      await disableLiveStream(show.muxLiveStreamId as string);
      disabled.push(show.id);
    } catch (error) {
      failures.push(`show ${show.id}: ${(error as Error).message}`);
    }
  }
  if (failures.length) throw new Error(`${shop} was uninstalled, but Mux did not disable every stream: ${failures.join("; ")}`);
  return { disabled };
}

/** After a reinstall: the streams of shows still to come take encoders again. One Mux refusal does not stop the install. */
export async function enableShopStreams(shop: string): Promise<void> {
  const shows = await prisma.show.findMany({
    where: { shop, status: { in: ["draft", "scheduled"] }, muxLiveStreamId: { not: null } },
    select: { id: true, muxLiveStreamId: true },
  });
  for (const show of shows) {
    try {
      await enableLiveStream(show.muxLiveStreamId as string);
    } catch (error) {
      log.warn(`[shows] ${shop} show ${show.id}: its stream could not be enabled again after the reinstall: ${(error as Error).message}`);
    }
  }
}
