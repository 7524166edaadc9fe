// Holds one Admin API call on its way in until the test lets it go, or fails it as Shopify does
// when it breaks on its side. Two app requests racing for the same row only race in a test if the
// first is stopped mid-flight while the second runs; a hold does that without sleeps. A call
// nobody holds or fails passes straight through.
import { randomUUID } from "node:crypto";
import { GraphQLError } from "graphql";

/** What Shopify answers when it fails on its side: no data for the field, an internal error. */
export function internalError(): GraphQLError {
  const requestId = randomUUID();
  return new GraphQLError(`Internal error. Looks like something went wrong on our end.\nRequest ID: ${requestId} (include this in support requests).`, {
    extensions: { code: "INTERNAL_SERVER_ERROR", requestId },
  });
}

export interface Hold {
  /** Resolves once the held call has arrived and is waiting. */
  reached: Promise<void>;
  release(): void;
}

interface Waiting {
  arrive(): void;
  released: Promise<void>;
}

export class SandboxHolds {
  private readonly waiting = new Map<string, Waiting>();
  private readonly failing = new Set<string>();

  /** Holds the next call of `operation` (a root field or object field name) for `shop`. */
  holdNext(operation: string, shop: string): Hold {
    let arrive!: () => void;
    let release!: () => void;
    const reached = new Promise<void>((resolve) => (arrive = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.waiting.set(`${shop} ${operation}`, { arrive, released });
    return { reached, release };
  }

  /** Fails the next call of `operation` for `shop` with an internal error, before it acts. */
  failNext(operation: string, shop: string): void {
    this.failing.add(`${shop} ${operation}`);
  }

  async pass(operation: string, shop: string): Promise<void> {
    const key = `${shop} ${operation}`;
    if (this.failing.delete(key)) throw internalError();
    const hold = this.waiting.get(key);
    if (!hold) return;
    this.waiting.delete(key);
    hold.arrive();
    await hold.released;
  }
}
