import { log } from "~/lib/log.server";

// Background work inside the app process, for deployments without a scheduler.

export interface Ticker {
  /** Stops ticking; resolves once a pass already under way has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `pass` every `everyMs`, counted from the end of the previous pass, so a slow pass delays
 * the next one instead of overlapping it. The timer is unref'd: it never keeps a process alive
 * that has nothing else to do. A pass that throws is logged and the ticking goes on.
 */
export function startTicker(name: string, everyMs: number, pass: () => Promise<unknown>): Ticker {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const schedule = () => {
    timer = setTimeout(() => {
      running = pass()
        .catch((error: unknown) => log.error({ err: error }, `[${name}] pass failed:`))
        .finally(() => {
          if (!stopped) schedule();
        });
    }, everyMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
