// The cost bucket Shopify meters Admin GraphQL with (a standard plan: 2000 points, refilled at
// 100 a second), per shop, plus a switch that makes the next N calls answer THROTTLED whatever
// the bucket says, so tests can exercise the app's back-off without spending 2000 points.

export const BUCKET = { maximumAvailable: 2000, restoreRate: 100 } as const;

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

interface Bucket {
  available: number;
  at: number;
}

export class ThrottleSwitch {
  private forced = 0;
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The next `count` Admin API calls (any shop) answer THROTTLED. */
  throttleNext(count: number): void {
    this.forced = Math.max(0, Math.floor(count));
  }

  get pendingThrottles(): number {
    return this.forced;
  }

  /** Takes `cost` points for a call; throttled when the switch says so or the bucket is short. */
  take(shop: string, cost: number): { throttled: boolean; status: ThrottleStatus } {
    const bucket = this.refill(shop);
    if (this.forced > 0) {
      this.forced -= 1;
      return { throttled: true, status: this.status(bucket) };
    }
    if (cost > bucket.available) return { throttled: true, status: this.status(bucket) };
    bucket.available -= cost;
    return { throttled: false, status: this.status(bucket) };
  }

  /** Gives back what a call was charged beyond its actual cost. */
  refund(shop: string, points: number): ThrottleStatus {
    const bucket = this.refill(shop);
    bucket.available = Math.min(BUCKET.maximumAvailable, bucket.available + Math.max(0, points));
    return this.status(bucket);
  }

  reset(): void {
    this.forced = 0;
    this.buckets.clear();
  }

  private refill(shop: string): Bucket {
    const now = this.now();
    const bucket = this.buckets.get(shop) ?? { available: BUCKET.maximumAvailable, at: now };
    bucket.available = Math.min(BUCKET.maximumAvailable, bucket.available + ((now - bucket.at) / 1000) * BUCKET.restoreRate);
    bucket.at = now;
    this.buckets.set(shop, bucket);
    return bucket;
  }

  private status(bucket: Bucket): ThrottleStatus {
    return { maximumAvailable: BUCKET.maximumAvailable, currentlyAvailable: Math.floor(bucket.available), restoreRate: BUCKET.restoreRate };
  }
}
