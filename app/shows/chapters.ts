/** A replay chapter: where in the recording a product was first pinned. */
export interface Chapter {
  startTime: number; // seconds into the recording
  title: string;
  productId: string;
}

export interface PinEvent {
  offsetMs: number | null;
  productId: string;
  title: string;
}

/**
 * One chapter per product, at the first moment it was pinned while live. Pins made before
 * the show went live (offset null) open the replay at 0 s.
 */
export function buildChapters(pins: readonly PinEvent[]): Chapter[] {
  const firstPin = new Map<string, Chapter>();
  for (const pin of pins) {
    const startTime = Math.floor((pin.offsetMs ?? 0) / 1000);
    const known = firstPin.get(pin.productId);
    if (!known || startTime < known.startTime) firstPin.set(pin.productId, { startTime, title: pin.title, productId: pin.productId });
  }
  return [...firstPin.values()].sort((a, b) => a.startTime - b.startTime);
}
