import { Redis } from "ioredis";
import type { PresenceStore, Tally } from "./presence";
import { log } from "~/lib/log.server";

// presence.ts's model in Redis, per show (the braces keep a show's keys in one cluster slot):
//   …:{showId}:instances        sorted set: instance id → when its entry expires (ms)
//   …:{showId}:viewers:<id>     set: that instance's viewer ids
//   …:{showId}:announced        hash: the count last announced, when, and the minute last recorded
// A dead instance's viewers stop counting when its score passes; its keys expire after that.

/** Distinct viewers of the instances whose entries are current; leaves the count in `n`. */
const COUNT = `
local now = tonumber(ARGV[1])
local live = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')
local n = 0
if #live > 0 then
  local keys = {}
  for i, id in ipairs(live) do keys[i] = ARGV[2] .. id end
  n = redis.call('SUNIONSTORE', ARGV[3], unpack(keys))
  redis.call('DEL', ARGV[3])
end
`;

/** COUNT, then presence.ts's decideTally, in one step: {0 unchanged | 1 record | 2 announce, count} or {3 wait, ms}. */
const TALLY = `${COUNT}
local interval = tonumber(ARGV[4])
local minute = math.floor(now / 60000)
local last = redis.call('HMGET', KEYS[2], 'count', 'at', 'minute')
local count = tonumber(last[1]) or 0
if count == n then
  if tonumber(last[3]) == minute or n == 0 then return {0, n} end
  redis.call('HSET', KEYS[2], 'minute', minute)
  return {1, n}
end
if last[2] and now - tonumber(last[2]) < interval then return {3, interval - (now - tonumber(last[2]))} end
redis.call('HSET', KEYS[2], 'count', n, 'at', now, 'minute', minute)
redis.call('PEXPIRE', KEYS[2], 86400000)
return {2, n}
`;

const TALLY_KINDS = ["unchanged", "record", "announce", "wait"] as const;

interface PresenceCommands {
  presenceCount(instances: string, now: number, viewersPrefix: string, scratch: string): Promise<number>;
  presenceTally(instances: string, announced: string, now: number, viewersPrefix: string, scratch: string, intervalMs: number): Promise<[number, number]>;
}

export class RedisPresenceStore implements PresenceStore {
  private readonly redis: Redis & PresenceCommands;

  constructor(
    url: string,
    private readonly instanceId: string,
    private readonly ttlMs: number,
  ) {
    // A count that cannot be read now is read again on the next renewal; no command waits long for Redis.
    this.redis = new Redis(url, { maxRetriesPerRequest: 1 }) as Redis & PresenceCommands;
    this.redis.on("error", (error: Error) => log.warn(`Viewer presence: Redis connection error (${error.message}); retrying`));
    this.redis.defineCommand("presenceCount", { numberOfKeys: 1, lua: `${COUNT}\nreturn n` });
    this.redis.defineCommand("presenceTally", { numberOfKeys: 2, lua: TALLY });
  }

  private keys(showId: string) {
    const base = `live-shows:presence:{${showId}}`;
    return {
      instances: `${base}:instances`,
      viewersPrefix: `${base}:viewers:`,
      mine: `${base}:viewers:${this.instanceId}`,
      announced: `${base}:announced`,
      scratch: `${base}:union:${this.instanceId}`,
    };
  }

  async add(showId: string, viewerId: string) {
    const keys = this.keys(showId);
    await this.redis
      .multi()
      .sadd(keys.mine, viewerId)
      .pexpire(keys.mine, this.ttlMs * 2)
      .zadd(keys.instances, Date.now() + this.ttlMs, this.instanceId)
      .pexpire(keys.instances, this.ttlMs * 2)
      .exec();
  }

  async remove(showId: string, viewerId: string) {
    await this.redis.srem(this.keys(showId).mine, viewerId);
  }

  async renew(showId: string, viewerIds: readonly string[]) {
    const keys = this.keys(showId);
    // Replaced, not added to: after Redis lost its data (a restart keeps none here) it is whole again.
    const renewal = this.redis.multi().del(keys.mine);
    if (viewerIds.length) {
      renewal
        .sadd(keys.mine, ...viewerIds)
        .pexpire(keys.mine, this.ttlMs * 2)
        .zadd(keys.instances, Date.now() + this.ttlMs, this.instanceId)
        .pexpire(keys.instances, this.ttlMs * 2);
    } else {
      renewal.zrem(keys.instances, this.instanceId);
    }
    await renewal.exec();
  }

  async count(showId: string) {
    const keys = this.keys(showId);
    return this.redis.presenceCount(keys.instances, Date.now(), keys.viewersPrefix, keys.scratch);
  }

  async tally(showId: string, intervalMs: number): Promise<Tally> {
    const keys = this.keys(showId);
    const [kind, value] = await this.redis.presenceTally(keys.instances, keys.announced, Date.now(), keys.viewersPrefix, keys.scratch, intervalMs);
    const name = TALLY_KINDS[kind];
    if (name === "wait") return { kind: "wait", ms: value };
    if (!name) throw new Error(`Viewer presence: the tally script answered ${kind}`);
    return { kind: name, count: value };
  }

  async close() {
    await this.redis.quit().catch(() => undefined);
  }
}
