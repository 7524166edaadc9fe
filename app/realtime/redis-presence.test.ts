// The Redis store against the machine's Redis: two stores are two app instances.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { RedisPresenceStore } from "./redis-presence.server";

const REDIS_URL = "redis://127.0.0.1:6379";
const stores: RedisPresenceStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

function instance(ttlMs = 60_000) {
  const store = new RedisPresenceStore(REDIS_URL, randomUUID(), ttlMs);
  stores.push(store);
  return store;
}

describe("RedisPresenceStore", () => {
  it("counts each viewer once across instances, and one instance announces each change", async () => {
    const show = `show-${randomUUID()}`;
    const [a, b] = [instance(), instance()];
    await a.add(show, "ada");
    await a.add(show, "bo");
    await b.add(show, "ada");
    await b.add(show, "cy");
    expect(await a.count(show)).toBe(3);
    expect(await b.count(show)).toBe(3);

    const tallies = await Promise.all([a.tally(show, 60_000), b.tally(show, 60_000)]);
    expect(tallies).toContainEqual({ kind: "announce", count: 3 });
    expect(tallies).toContainEqual({ kind: "unchanged", count: 3 });

    await a.remove(show, "ada");
    expect(await b.count(show)).toBe(3);
    await b.remove(show, "ada");
    expect(await a.count(show)).toBe(2);
    // Changed within the interval: whoever counts waits for it to pass.
    const wait = await b.tally(show, 60_000);
    expect(wait.kind).toBe("wait");
  });

  it("stops counting an instance that no longer renews once its entry expires", async () => {
    const show = `show-${randomUUID()}`;
    const [alive, dying] = [instance(300), instance(300)];
    await alive.add(show, "ada");
    await dying.add(show, "bo");
    await dying.add(show, "cy");
    expect(await alive.count(show)).toBe(3);
    await expect.poll(async () => {
      await alive.renew(show, ["ada"]);
      return alive.count(show);
    }, { timeout: 5_000, interval: 100 }).toBe(1);
    expect(await alive.tally(show, 0)).toEqual({ kind: "announce", count: 1 });
  });

  it("makes a renewal the instance's whole list, and an empty one takes it out", async () => {
    const show = `show-${randomUUID()}`;
    const store = instance();
    await store.add(show, "ada");
    await store.renew(show, ["bo", "cy"]);
    expect(await store.count(show)).toBe(2);
    await store.renew(show, []);
    expect(await store.count(show)).toBe(0);
  });
});
