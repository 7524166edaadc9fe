import { describe, expect, it } from "vitest";
import { SerialQueue } from "./serial";

describe("SerialQueue", () => {
  it("runs work on several keys after what was queued for any of them, and before what comes next", async () => {
    const queue = new SerialQueue();
    const order: string[] = [];
    let releaseA: () => void = () => {};
    const a = queue.run("a", () => new Promise<void>((resolve) => (releaseA = resolve)).then(() => order.push("a")));
    const b = queue.run("b", async () => order.push("b"));
    const both = queue.runAll(["a", "b", "a"], async () => order.push("a+b"));
    const laterB = queue.run("b", async () => order.push("b again"));
    const c = queue.run("c", async () => order.push("c"));
    await Promise.all([b, c]);
    expect(order).toEqual(["b", "c"]);
    releaseA();
    await Promise.all([a, both, laterB]);
    expect(order).toEqual(["b", "c", "a", "a+b", "b again"]);
  });

  it("goes on after a task fails", async () => {
    const queue = new SerialQueue();
    const failed = queue.run("a", async () => Promise.reject(new Error("no")));
    await expect(failed).rejects.toThrow("no");
    expect(await queue.runAll(["a"], async () => "next")).toBe("next");
  });
});
