import type { SseFrame } from "./frame";

export interface RingEntry {
  seq: number;
  frame: SseFrame;
}

/**
 * The recent events of one show channel, oldest first, so a viewer that reconnects with
 * Last-Event-ID gets what it missed. `coveredAfter` is the number after which every event the
 * channel was sent is still held: a viewer that last saw an older number must take a snapshot.
 */
export class EventRing {
  private readonly entries: (RingEntry | undefined)[];
  private start = 0;
  private size = 0;

  constructor(
    private readonly capacity: number,
    public coveredAfter: number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`Ring capacity must be a positive integer, got ${capacity}`);
    this.entries = new Array<RingEntry | undefined>(capacity);
  }

  push(entry: RingEntry) {
    if (this.size === this.capacity) {
      const evicted = this.entries[this.start] as RingEntry;
      this.coveredAfter = Math.max(this.coveredAfter, evicted.seq);
      this.entries[this.start] = entry;
      this.start = (this.start + 1) % this.capacity;
    } else {
      this.entries[(this.start + this.size) % this.capacity] = entry;
      this.size++;
    }
  }

  canReplayAfter(seq: number): boolean {
    return seq >= this.coveredAfter;
  }

  /** Entries numbered after seq, in the order they arrived. */
  after(seq: number): RingEntry[] {
    const found: RingEntry[] = [];
    for (let index = 0; index < this.size; index++) {
      const entry = this.entries[(this.start + index) % this.capacity] as RingEntry;
      if (entry.seq > seq) found.push(entry);
    }
    return found;
  }
}
