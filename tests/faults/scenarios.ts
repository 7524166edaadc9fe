// The fault runs of issue 11 at two sizes: small in the suite (tests/faults/*.test.ts), full
// from `npm run faults` (run.ts). Both build their scenarios here, so they run the same code.
import type { FaultDatabase } from "./fault-database";
import type { StormShape } from "./level-storm";
import type { PrivatePostgres } from "./private-postgres";
import type { PrivateRedis } from "./private-redis";
import type { RedisScenario } from "./redis-scenario";
import type { StormScenario } from "./storm-scenario";

export type Size = "small" | "full";

// 3 locations (2 selling online) per item. Full size: 100,000 events, 30 % of them sent twice.
const STORM: Record<Size, StormShape> = {
  small: { events: 3_000, duplicateShare: 0.3, products: 10, variantsPerProduct: 4, seed: 11 },
  full: { events: 100_000, duplicateShare: 0.3, products: 50, variantsPerProduct: 4, seed: 11 },
};

export function appKilledScenario(size: Size, database: FaultDatabase, log?: (line: string) => void): StormScenario {
  return {
    name: `storm with the app killed (SIGKILL) and restarted, ${size}`,
    database,
    shape: STORM[size],
    fault: { kind: "kill-app" },
    faultsAt: size === "small" ? [0.3, 0.65] : [0.15, 0.3, 0.45, 0.6, 0.75],
    log,
  };
}

export function postgresRestartedScenario(size: Size, database: FaultDatabase, postgres: PrivatePostgres, log?: (line: string) => void): StormScenario {
  return {
    name: `storm with PostgreSQL restarted, ${size}`,
    database,
    shape: { ...STORM[size], seed: 23 },
    fault: { kind: "restart-postgres", postgres, failuresWhileDown: size === "small" ? 20 : 200 },
    faultsAt: size === "small" ? [0.4] : [0.25, 0.6],
    log,
  };
}

export function redisRestartedScenario(size: Size, database: FaultDatabase, redis: PrivateRedis, log?: (line: string) => void): RedisScenario {
  return {
    name: `live show with Redis restarted, ${size}`,
    database,
    redis,
    // One product of 8 variants on the show, its stock moving at three locations; deliveries out
    // of order only locally, so that nearly every one changes what viewers see.
    shape: { events: size === "small" ? 600 : 10_000, duplicateShare: 0.3, products: 1, variantsPerProduct: 8, seed: 37, shuffleWithin: 8 },
    viewersPerInstance: size === "small" ? 2 : 4,
    outages:
      size === "small"
        ? [{ down: 0.3, up: 0.45, minDownMs: 2_000 }]
        : [
            { down: 0.2, up: 0.3, minDownMs: 20_000 },
            { down: 0.55, up: 0.6, minDownMs: 2_000 },
            { down: 0.8, up: 0.82, minDownMs: 200 },
          ],
    settleMs: 15_000,
    log,
  };
}
