import { env } from "~/env.server";
import type { Bus } from "./bus";
import { InProcessBus } from "./in-process-bus";
import { RedisBus } from "./redis-bus.server";

declare global {
  // One bus per process, also across Vite's module reloads in development.
  var liveShowsBus: Bus | undefined;
}

/** The one place the bus is chosen: Redis pub/sub when REDIS_URL is set, this process otherwise. */
export function getBus(): Bus {
  globalThis.liveShowsBus ??= createBus(env().REDIS_URL);
  return globalThis.liveShowsBus;
}

export function createBus(redisUrl: string | undefined): Bus {
  return redisUrl ? new RedisBus(redisUrl) : new InProcessBus();
}
