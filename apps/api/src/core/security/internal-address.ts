import { lookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

// Loopback, private, shared (CGNAT), link-local (cloud metadata), multicast, reserved and
// unspecified ranges: addresses inside our own network, never a third party's service.
const internal = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  internal.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  // Unspecified, loopback and the deprecated IPv4-compatible form (::7f00:1).
  ['::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  internal.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address (v4 or v6, without brackets) lies inside a private, loopback, link-local or reserved range. */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  // IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) match the IPv4 ranges too.
  return (family === 4 && internal.check(address, 'ipv4')) || (family === 6 && internal.check(address, 'ipv6'));
}

/**
 * Whether a URL's host names our own machine or network by itself: a local name or an internal
 * IP literal. A DNS name that resolves inside is caught at connect time by `publicAddressLookup`.
 */
export function isInternalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || isInternalAddress(host);
}

/** Raised when a name resolves to an internal address, so the connection is never opened. */
export class InternalAddressError extends Error {
  readonly code = 'EADDRNOTALLOWED';

  constructor(hostname: string) {
    super(`${hostname} resolves to an internal address`);
    this.name = 'InternalAddressError';
  }
}

/**
 * A `lookup` for outbound sockets that refuses a name resolving to any internal address. It runs
 * when the connection is made, so the address checked is the address used: a DNS answer that
 * changed since the URL was saved (rebinding) cannot reach inside.
 */
export const publicAddressLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true } satisfies LookupAllOptions, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    if (!addresses.length || addresses.some((a) => isInternalAddress(a.address))) {
      return callback(new InternalAddressError(hostname), '', 0);
    }
    // Happy-eyeballs connects ask for every address; plain ones for the first.
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};
