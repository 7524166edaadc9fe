// The emulator's notion of "now" in unix seconds. Tests move it forward to expire account
// links, login links and idempotency keys without waiting.
export class Clock {
  private offsetSeconds = 0;

  nowSeconds(): number {
    return Math.floor(Date.now() / 1000) + this.offsetSeconds;
  }

  advance(seconds: number): void {
    this.offsetSeconds += seconds;
  }
}
