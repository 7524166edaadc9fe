// The emulator's notion of "now" in unix seconds. Tests move it forward to expire account
// links, login links and idempotency keys without waiting (`advance`, the emulator's alone).
// `worldNow` is the time of the world the emulator runs in: the machine's, or a clock a
// journey moves for every party at once (tests/support/world-clock.ts).
export class Clock {
  private offsetSeconds = 0;

  constructor(private readonly worldNow: () => Date = () => new Date()) {}

  /** The world's time, without the emulator's own advances: what Stripe signs webhooks with. */
  worldSeconds(): number {
    return Math.floor(this.worldNow().getTime() / 1000);
  }

  nowSeconds(): number {
    return this.worldSeconds() + this.offsetSeconds;
  }

  advance(seconds: number): void {
    this.offsetSeconds += seconds;
  }
}
