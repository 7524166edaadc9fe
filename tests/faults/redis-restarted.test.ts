// Issue 11, point 9: Redis restarted during a live show, on a Redis of the run's own (never the
// shared one on 6379). Two app instances, viewers on both, a stock storm on both.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RealtimeEvent } from "~/realtime/events";
import { RedisBus } from "~/realtime/redis-bus.server";
import { openFaultDatabase } from "./fault-database";
import { redisServerBinary, startPrivateRedis, type PrivateRedis } from "./private-redis";
import { runRedisScenario } from "./redis-scenario";
import { formatReport } from "./report";
import { redisRestartedScenario } from "./scenarios";

const missing = redisServerBinary() === null;
const database = openFaultDatabase(process.env.DATABASE_URL as string);
let redis: PrivateRedis | undefined;

describe.skipIf(missing)(`fault run: Redis restarted during a live show${missing ? " (skipped: redis-server is not installed)" : ""}`, () => {
  beforeAll(async () => {
    redis = await startPrivateRedis();
  });
  afterAll(async () => {
    await redis?.destroy();
    await database.close();
  });

  it("gives every viewer every event once and in order, or a snapshot where one was lost, and the true stock", async () => {
    const report = await runRedisScenario(redisRestartedScenario("small", database, redis as PrivateRedis));
    console.log(formatReport(report));
    expect(report.violations, formatReport(report, { logs: true })).toEqual([]);
  }, 120_000);

  it("refuses a publish at once while Redis is away, rather than holding the stock webhook that published it", async () => {
    const publisher = new RedisBus((redis as PrivateRedis).url);
    const event: RealtimeEvent = { showId: "s", seq: 1, type: "viewers", data: { count: 1 } };
    try {
      await publisher.publish(`faults:${randomUUID()}`, event);
      await (redis as PrivateRedis).kill();
      // The first may go out before ioredis sees the socket close; from then on it knows.
      await publisher.publish("faults:first", event).catch(() => undefined);
      const started = performance.now();
      await expect(publisher.publish("faults:second", event)).rejects.toThrow(/Redis is unreachable/);
      // ioredis alone would hold it for three reconnection attempts: hundreds of ms, seconds later in an outage.
      expect(performance.now() - started).toBeLessThan(250);
    } finally {
      await (redis as PrivateRedis).start();
      await publisher.close();
    }
  });

  it("tells the hub once its subscriptions are back after a restart, when what was published meanwhile is gone", async () => {
    const subscriber = new RedisBus((redis as PrivateRedis).url);
    let publisher: RedisBus | undefined;
    try {
      const channel = `faults:${randomUUID()}`;
      const received: number[] = [];
      const arrived = new Promise<void>((resolve) => {
        void subscriber.subscribe(channel, (event) => {
          received.push(event.seq);
          resolve();
        });
      });
      await subscriber.subscribe(channel, () => {});
      const back = new Promise<void>((resolve) => subscriber.onResubscribed(resolve));
      await (redis as PrivateRedis).kill();
      await (redis as PrivateRedis).start();
      await back;
      // Announced only once the subscription is in place: what is published now arrives. The
      // publisher connects after the restart: this is about the subscriber, and a publisher from
      // before could still be reconnecting (its publish then fails at once, by design, above).
      publisher = new RedisBus((redis as PrivateRedis).url);
      const event: RealtimeEvent = { showId: "s", seq: 7, type: "viewers", data: { count: 1 } };
      await publisher.publish(channel, event);
      await arrived;
      expect(received).toEqual([7]);
    } finally {
      await Promise.all([subscriber.close(), publisher?.close()]);
    }
  });
});
