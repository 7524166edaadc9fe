import { describe, expect, it } from "vitest";
import { decideTally, InProcessPresenceStore, LocalViewers, minuteOf, PresenceTable, type Announced } from "./presence";

const SHOW = "show-1";

describe("LocalViewers", () => {
  it("counts a viewer's streams, saying when the first opens and the last closes", () => {
    const local = new LocalViewers();
    expect(local.open(SHOW, "ada")).toBe(true);
    expect(local.open(SHOW, "ada")).toBe(false);
    expect(local.open(SHOW, "bo")).toBe(true);
    expect(local.viewersOf(SHOW).sort()).toEqual(["ada", "bo"]);
    expect(local.close(SHOW, "ada")).toBe(false);
    expect(local.viewersOf(SHOW).sort()).toEqual(["ada", "bo"]);
    expect(local.close(SHOW, "ada")).toBe(true);
    expect(local.close(SHOW, "ada")).toBe(false);
    expect(local.viewersOf(SHOW)).toEqual(["bo"]);
  });

  it("keeps shows apart", () => {
    const local = new LocalViewers();
    local.open(SHOW, "ada");
    local.open("show-2", "ada");
    expect(local.close("show-2", "ada")).toBe(true);
    expect(local.viewersOf(SHOW)).toEqual(["ada"]);
    expect(local.viewersOf("show-2")).toEqual([]);
  });
});

describe("PresenceTable", () => {
  it("counts each viewer once across instances", () => {
    const table = new PresenceTable();
    table.add(SHOW, "a", "ada", 1_000);
    table.add(SHOW, "a", "bo", 1_000);
    // Ada's stream reconnected to the other instance before the first saw the old one close.
    table.add(SHOW, "b", "ada", 1_000);
    table.add(SHOW, "b", "cy", 1_000);
    table.add("show-2", "b", "dee", 1_000);
    expect(table.count(SHOW, 0)).toBe(3);
    table.remove(SHOW, "a", "ada");
    expect(table.count(SHOW, 0)).toBe(3);
    table.remove(SHOW, "b", "ada");
    expect(table.count(SHOW, 0)).toBe(2);
  });

  it("stops counting an instance's viewers once its entry expires, unless it renews", () => {
    const table = new PresenceTable();
    table.add(SHOW, "alive", "ada", 1_000);
    table.add(SHOW, "dead", "bo", 1_000);
    table.add(SHOW, "dead", "cy", 1_000);
    expect(table.count(SHOW, 999)).toBe(3);
    table.renew(SHOW, "alive", ["ada"], 2_000);
    expect(table.count(SHOW, 1_000)).toBe(1);
    expect(table.count(SHOW, 1_500)).toBe(1);
    expect(table.count(SHOW, 2_000)).toBe(0);
  });

  it("makes a renewal the instance's whole list: a viewer it no longer has is gone, an empty list removes the entry", () => {
    const table = new PresenceTable();
    table.add(SHOW, "a", "ada", 1_000);
    table.add(SHOW, "a", "bo", 1_000);
    table.renew(SHOW, "a", ["bo", "cy"], 1_000);
    expect(table.count(SHOW, 0)).toBe(2);
    table.renew(SHOW, "a", [], 1_000);
    expect(table.count(SHOW, 0)).toBe(0);
  });
});

describe("decideTally", () => {
  const INTERVAL = 1_000;
  const at = (minute: number, ms = 0) => minute * 60_000 + ms;
  const last = (count: number, when: number): Announced => ({ count, at: when, minute: minuteOf(when) });

  it("has nothing to say about a show nobody has watched", () => {
    expect(decideTally(undefined, 0, at(100), INTERVAL)).toEqual({ tally: { kind: "unchanged", count: 0 }, next: undefined });
  });

  it("announces a changed count, at most once per interval", () => {
    expect(decideTally(undefined, 3, at(100), INTERVAL)).toEqual({ tally: { kind: "announce", count: 3 }, next: last(3, at(100)) });
    expect(decideTally(last(3, at(100)), 4, at(100, 400), INTERVAL).tally).toEqual({ kind: "wait", ms: 600 });
    expect(decideTally(last(3, at(100)), 4, at(100, 1_000), INTERVAL)).toEqual({ tally: { kind: "announce", count: 4 }, next: last(4, at(100, 1_000)) });
    // Back to what was announced before the interval passed: nothing changed for anyone.
    expect(decideTally(last(3, at(100)), 3, at(100, 400), INTERVAL).tally).toEqual({ kind: "unchanged", count: 3 });
  });

  it("records an unchanged count once in each new minute that has viewers", () => {
    const announced = last(3, at(100, 59_000));
    const { tally, next } = decideTally(announced, 3, at(101, 5_000), INTERVAL);
    expect(tally).toEqual({ kind: "record", count: 3 });
    expect(next).toEqual({ ...announced, minute: 101 });
    expect(decideTally(next, 3, at(101, 30_000), INTERVAL).tally).toEqual({ kind: "unchanged", count: 3 });
    expect(decideTally(last(0, at(100)), 0, at(105), INTERVAL).tally).toEqual({ kind: "unchanged", count: 0 });
  });
});

describe("InProcessPresenceStore", () => {
  it("counts, announces changes and lets entries that are not renewed expire", async () => {
    let now = 60_000_000;
    const store = new InProcessPresenceStore(15_000, () => now);
    await store.add(SHOW, "ada");
    await store.add(SHOW, "bo");
    expect(await store.tally(SHOW, 1_000)).toEqual({ kind: "announce", count: 2 });
    await store.remove(SHOW, "bo");
    expect(await store.tally(SHOW, 1_000)).toEqual({ kind: "wait", ms: 1_000 });
    now += 1_000;
    expect(await store.tally(SHOW, 1_000)).toEqual({ kind: "announce", count: 1 });
    now += 14_000;
    await store.renew(SHOW, ["ada"]);
    now += 14_999;
    expect(await store.count(SHOW)).toBe(1);
    now += 1;
    expect(await store.count(SHOW)).toBe(0);
  });
});
