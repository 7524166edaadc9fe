import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { acquireLease, releaseLease, withLease } from "./lease.server";

const leaseName = () => `test-lease-${randomUUID()}`;

describe("the database lease", () => {
  it("has one holder at a time until it is released or expires", async () => {
    const name = leaseName();
    const now = new Date();
    expect(await acquireLease(name, "a", 60_000, now)).toBe(true);
    expect(await acquireLease(name, "b", 60_000, now)).toBe(false);
    // The holder may extend its own lease.
    expect(await acquireLease(name, "a", 60_000, new Date(now.getTime() + 30_000))).toBe(true);
    // Expired: another instance takes over.
    expect(await acquireLease(name, "b", 60_000, new Date(now.getTime() + 91_000))).toBe(true);
    expect(await acquireLease(name, "a", 60_000, new Date(now.getTime() + 92_000))).toBe(false);
    await releaseLease(name, "b");
    expect(await acquireLease(name, "a", 60_000, new Date(now.getTime() + 93_000))).toBe(true);
  });

  it("lets exactly one of many concurrent callers in", async () => {
    const name = leaseName();
    const results = await Promise.all(Array.from({ length: 8 }, (_, index) => acquireLease(name, `holder-${index}`, 60_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("runs the work under the lease and releases it even when the work fails", async () => {
    const name = leaseName();
    await expect(withLease(name, 60_000, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await withLease(name, 60_000, async () => "done")).toEqual({ ran: true, value: "done" });
    expect(await acquireLease(name, "other", 60_000)).toBe(true);
    expect(await withLease(name, 60_000, async () => "never")).toEqual({ ran: false, holder: "other" });
  });
});
