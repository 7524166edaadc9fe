import { z } from "zod";

const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * Tuning of the realtime endpoint and the stock fan-out. Every value has a production default;
 * tests and the benchmark set them through the environment.
 */
const realtimeSchema = z.object({
  REALTIME_MAX_CONNECTIONS_PER_ADDRESS: count(100),
  REALTIME_HEARTBEAT_MS: count(15_000),
  REALTIME_MAX_BACKLOG_BYTES: count(256 * 1024),
  REALTIME_RING_SIZE: count(1024),
  REALTIME_IDLE_GRACE_MS: count(60_000),
  REALTIME_SNAPSHOT_MAX_AGE_MS: count(2_000),
  REALTIME_RETRY_MS: count(2_000),
  STOCK_COALESCE_MS: count(250),
  // Viewers are counted across instances: each renews its entries this often, an entry not renewed
  // this long (its instance died) stops counting, and a show's count goes out at most this often.
  REALTIME_PRESENCE_RENEW_MS: count(5_000),
  REALTIME_PRESENCE_TTL_MS: count(15_000),
  REALTIME_VIEWERS_INTERVAL_MS: count(1_000),
});

export type RealtimeConfig = z.output<typeof realtimeSchema>;

let cached: RealtimeConfig | undefined;

export function realtimeConfig(): RealtimeConfig {
  if (!cached) {
    const parsed = realtimeSchema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ");
      throw new Error(`The realtime settings are invalid (each must be a positive whole number): ${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}
