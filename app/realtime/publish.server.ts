import { getBus } from "./bus.server";
import { showChannel } from "./bus";
import type { RealtimeEvent, ShowEventPayloads, ShowEventType } from "./events";
import { claimEventSeqs } from "./sequence.server";

/** Gives the event its number in each show and sends it to every instance's viewers of that show. */
export async function publishShowEvent<T extends ShowEventType>(
  shop: string,
  showIds: readonly string[],
  type: T,
  data: ShowEventPayloads[T],
): Promise<RealtimeEvent<T>[]> {
  const seqs = await claimEventSeqs(shop, showIds);
  const bus = getBus();
  const events = [...seqs].map(([showId, seq]) => ({ showId, seq, type, data }));
  await Promise.all(events.map((event) => bus.publish(showChannel(event.showId), event)));
  return events;
}
