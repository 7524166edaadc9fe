import { SerialQueue } from "./serial";

declare global {
  // One queue per process, also across Vite's module reloads in development.
  var liveShowsItemQueue: SerialQueue | undefined;
}

function queue() {
  globalThis.liveShowsItemQueue ??= new SerialQueue();
  return globalThis.liveShowsItemQueue;
}

/** Runs work on one inventory item after the work already queued for it in this process. */
export function runForItem<T>(shop: string, inventoryItemId: string, task: () => Promise<T>): Promise<T> {
  return queue().run(`${shop} ${inventoryItemId}`, task);
}

/** runForItem for work that touches several items at once (a batch of deliveries). */
export function runForItems<T>(items: ReadonlyArray<{ shop: string; inventoryItemId: string }>, task: () => Promise<T>): Promise<T> {
  return queue().runAll(
    items.map(({ shop, inventoryItemId }) => `${shop} ${inventoryItemId}`),
    task,
  );
}
