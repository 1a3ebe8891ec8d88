import { BlockList, isIP } from 'node:net';

// Loopback, private, link-local (cloud metadata) and unspecified ranges: never a PSA in production.
const internal = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  internal.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  internal.addSubnet(network, prefix, 'ipv6');
}

/**
 * Why a PSA site URL may not be saved, or undefined. Outside production plain http and local
 * hosts are allowed, so development and tests can point at a local stand-in; in production the
 * credentials only travel over TLS and never to an address inside our own network.
 */
export function siteUrlProblem(siteUrl: string, production: boolean): { code: string; message: string } | undefined {
  if (!production) return undefined;
  const url = new URL(siteUrl);
  if (url.protocol !== 'https:') {
    return { code: 'psa_site_url_insecure', message: 'The PSA site URL must use https' };
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const family = isIP(host);
  const isInternal =
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    (family === 4 && internal.check(host, 'ipv4')) ||
    // IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) match the IPv4 ranges too.
    (family === 6 && internal.check(host, 'ipv6'));
  if (isInternal) {
    return { code: 'psa_site_url_not_allowed', message: 'The PSA site URL must be a public address' };
  }
  return undefined;
}
