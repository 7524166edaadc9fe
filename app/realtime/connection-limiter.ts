/**
 * Counts open streams per client address so one address cannot hold the instance's sockets
 * (a process has about 19,000 here). IPv6 clients are counted per /64, the block one
 * subscriber usually gets, or one host could walk its own block to dodge the limit.
 */
export class ConnectionLimiter {
  private readonly open = new Map<string, number>();

  constructor(private readonly maxPerAddress: number) {}

  /** Takes a slot for the address; false when it already holds the maximum. */
  acquire(address: string): boolean {
    const key = addressKey(address);
    const count = this.open.get(key) ?? 0;
    if (count >= this.maxPerAddress) return false;
    this.open.set(key, count + 1);
    return true;
  }

  release(address: string) {
    const key = addressKey(address);
    const count = (this.open.get(key) ?? 0) - 1;
    if (count > 0) this.open.set(key, count);
    else this.open.delete(key);
  }

  countFor(address: string): number {
    return this.open.get(addressKey(address)) ?? 0;
  }
}

export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1] as string;
  if (!address.includes(":")) return address;
  return `${expandIpv6(address).slice(0, 4).join(":")}::/64`;
}

function expandIpv6(address: string): string[] {
  const [head = "", tail] = address.split("%")[0]!.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ""));
}
