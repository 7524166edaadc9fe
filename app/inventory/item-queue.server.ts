import { SerialQueue } from "./serial";

declare global {
  // One queue per process, also across Vite's module reloads in development.
  var liveShowsItemQueue: SerialQueue | undefined;
}

/** Runs work on one inventory item after the work already queued for it in this process. */
export function runForItem<T>(shop: string, inventoryItemId: string, task: () => Promise<T>): Promise<T> {
  globalThis.liveShowsItemQueue ??= new SerialQueue();
  return globalThis.liveShowsItemQueue.run(`${shop} ${inventoryItemId}`, task);
}
