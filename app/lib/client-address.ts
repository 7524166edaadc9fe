import { BlockList, isIP } from "node:net";

/**
 * The proxies (load balancers, CDNs) whose X-Forwarded-For we believe, from TRUSTED_PROXIES:
 * addresses or CIDR ranges, comma-separated ("10.0.0.0/8, 127.0.0.1, fd00::/8"). Without it no
 * forwarded address is believed: anyone can send the header.
 */
export function parseTrustedProxies(value: string | undefined): BlockList {
  const list = new BlockList();
  for (const entry of (value ?? "").split(",").map((part) => part.trim()).filter(Boolean)) {
    const [address = "", prefix] = entry.split("/");
    const family = isIP(address);
    if (!family) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) {
      list.addAddress(address, type);
    } else {
      const bits = Number(prefix);
      if (!/^\d+$/.test(prefix) || bits > (family === 6 ? 128 : 32)) throw new Error(`TRUSTED_PROXIES: "${entry}" has a bad prefix length`);
      list.addSubnet(address, bits, type);
    }
  }
  return list;
}

function normalise(address: string): string {
  // Node reports IPv4 peers of a dual-stack socket as IPv4-mapped IPv6.
  return address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

function isTrusted(trusted: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address for per-address limits: the socket's peer, or, when that peer is a trusted
 * proxy, the nearest address in X-Forwarded-For that is not itself a trusted proxy (each proxy
 * appends the address it received from, so the list is read from the right).
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: BlockList): string {
  let address = normalise(socketAddress ?? "unknown");
  if (!isTrusted(trusted, address) || forwardedFor === undefined) return address;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((hop) => normalise(hop.trim()))
    .filter(Boolean);
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = hops[index] as string;
    if (!isIP(hop)) return address;
    address = hop;
    if (!isTrusted(trusted, hop)) return hop;
  }
  return address;
}
