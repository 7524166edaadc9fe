import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startTicker } from "./ticker";
import { log } from "~/lib/log.server";

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

/** A pass that stays under way until the test lets it finish. */
function controllablePass() {
  const finishers: Array<() => void> = [];
  let active = 0;
  let mostAtOnce = 0;
  const pass = vi.fn(async () => {
    active++;
    mostAtOnce = Math.max(mostAtOnce, active);
    await new Promise<void>((resolve) => finishers.push(resolve));
    active--;
  });
  return { pass, finishNext: () => finishers.shift()?.(), mostAtOnce: () => mostAtOnce };
}

describe("startTicker", () => {
  it("waits a full period after each pass, so a slow pass is never overlapped", async () => {
    const { pass, finishNext, mostAtOnce } = controllablePass();
    const ticker = startTicker("test", 1_000, pass);
    await vi.advanceTimersByTimeAsync(999);
    expect(pass).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(pass).toHaveBeenCalledTimes(1);

    // The pass takes five periods: no second one starts meanwhile.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(pass).toHaveBeenCalledTimes(1);
    finishNext();
    await vi.advanceTimersByTimeAsync(999);
    expect(pass).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(pass).toHaveBeenCalledTimes(2);
    expect(mostAtOnce()).toBe(1);

    const stopped = ticker.stop();
    finishNext();
    await stopped;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(pass).toHaveBeenCalledTimes(2);
  });

  it("does not keep the process alive, and goes on after a pass that throws", async () => {
    const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
    const error = vi.spyOn(log, "error").mockImplementation(() => undefined);
    const pass = vi.fn().mockRejectedValueOnce(new Error("database away")).mockResolvedValue(undefined);
    const ticker = startTicker("test", 1_000, pass);
    expect((setTimeoutSpy.mock.results[0]?.value as NodeJS.Timeout).hasRef()).toBe(false);

    await vi.advanceTimersByTimeAsync(2_000);
    expect(pass).toHaveBeenCalledTimes(2);
    expect(error).toHaveBeenCalledWith({ err: expect.objectContaining({ message: "database away" }) }, "[test] pass failed:");
    await ticker.stop();
  });
});
