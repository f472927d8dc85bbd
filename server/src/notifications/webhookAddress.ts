/**
 * Where a webhook may point: never the server's own network. The same rules are applied when an
 * endpoint is registered (to its URL's host) and when a message is delivered (to every address its
 * name resolves to), since a public name can resolve, or be made to resolve, to a private address.
 */

import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * IPv4 addresses a webhook may not name: the server's own network (this network, private,
 * shared/CGNAT, loopback, link-local) and addresses that are not one public host (IETF protocol
 * assignments, benchmarking, multicast, reserved and broadcast).
 */
const INTERNAL_V4 = new BlockList();
for (const [net, prefix] of [
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
  INTERNAL_V4.addSubnet(net, prefix, 'ipv4');
}

/**
 * IPv6 addresses refused whatever they hold: unspecified, loopback, unique-local, link-local,
 * site-local, multicast, discard-only, and the NAT64 local-use prefix 64:ff9b:1::/48 (RFC 8215),
 * which by definition leads into a network of the operator's, not the internet.
 */
const INTERNAL_V6 = new BlockList();
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['64:ff9b:1::', 48],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  INTERNAL_V6.addSubnet(net, prefix, 'ipv6');
}

/** The eight 16-bit groups of an IPv6 address (`::`, a trailing dotted quad and a zone allowed). */
function ipv6Groups(address: string): number[] {
  const bare = address.replace(/%.*$/, '');
  const [head = '', tail] = bare.split('::') as [string, string | undefined];
  const parts = (text: string) =>
    text === ''
      ? []
      : text.split(':').flatMap((part) => {
          if (!part.includes('.')) return [Number.parseInt(part, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = part.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const before = parts(head);
  if (tail === undefined) return before;
  const after = parts(tail);
  return [...before, ...Array<number>(8 - before.length - after.length).fill(0), ...after];
}

const ipv4 = (high: number, low: number) => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;

/**
 * The IPv4 addresses an IPv6 address carries, where a packet sent to it ends up at that IPv4
 * address (through the host's own stack, a NAT64 gateway, a 6to4 relay or a Teredo server):
 * `::a.b.c.d` (IPv4-compatible), `::ffff:a.b.c.d` (IPv4-mapped), `::ffff:0:a.b.c.d`
 * (IPv4-translated), `64:ff9b::a.b.c.d` (NAT64, RFC 6052), `2002:aabb:ccdd::/48` (6to4) and
 * `2001:0:ssss:ssss:…:cccc:cccc` (Teredo: its server, and its client's address with every bit
 * inverted). The URL parser writes `[::127.0.0.1]` as `[::7f00:1]`, so the groups are compared,
 * not the spelling.
 */
function embeddedIpv4(groups: number[]): string[] {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [number, number, number, number, number, number, number, number];
  const zeros = (...values: number[]) => values.every((value) => value === 0);
  if (zeros(g0, g1, g2, g3, g4) && (g5 === 0 || g5 === 0xffff)) return [ipv4(g6, g7)];
  if (zeros(g0, g1, g2, g3) && g4 === 0xffff && g5 === 0) return [ipv4(g6, g7)];
  if (g0 === 0x64 && g1 === 0xff9b && zeros(g2, g3, g4, g5)) return [ipv4(g6, g7)];
  if (g0 === 0x2002) return [ipv4(g1, g2)];
  if (g0 === 0x2001 && g1 === 0) return [ipv4(g2, g3), ipv4(g6 ^ 0xffff, g7 ^ 0xffff)];
  return [];
}

/**
 * The URL's host as the checks compare it: without IPv6 brackets and without trailing dots. A
 * resolver reads `localhost.` (a fully qualified name) as `localhost`, so an exact comparison
 * alone let it through. URL has already lower-cased it, turned an IDN into its ASCII form and an
 * IPv4 address in any spelling (`0x7f.1`, `127.0.0.1.`) into dotted decimal.
 */
export function webhookHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').replace(/\.+$/, '');
}

/**
 * An IP address of the server's own network, or one that leads there: an IPv6 address carrying a
 * non-public IPv4 one counts as that IPv4 address (any string that is not an address: false).
 * Both the check at registration and the delivery's lookup ask this one function.
 */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return INTERNAL_V4.check(address, 'ipv4');
  if (family !== 6) return false;
  const bare = address.replace(/%.*$/, '');
  if (INTERNAL_V6.check(bare, 'ipv6')) return true;
  return embeddedIpv4(ipv6Groups(bare)).some((embedded) => INTERNAL_V4.check(embedded, 'ipv4'));
}

/** A host (from `webhookHost`) naming the server's own network by name or by address. */
export function isInternalHost(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || isInternalAddress(host);
}

export class InternalAddressError extends Error {
  constructor(host: string, address: string) {
    super(
      host === address
        ? `refused: ${host} is an address of the server's own network`
        : `refused: ${host} resolves to ${address}, an address of the server's own network`,
    );
    this.name = 'InternalAddressError';
  }
}

/**
 * A `lookup` for the delivery's socket: resolves the name as usual and refuses it when any of its
 * addresses is internal. The socket connects to the addresses checked here, so a name that changes
 * its answer between two lookups (DNS rebinding) cannot slip a private address in afterwards.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const internal = addresses.find((entry) => isInternalAddress(entry.address));
    if (internal) return callback(new InternalAddressError(hostname, internal.address), '', 0);
    if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
};
