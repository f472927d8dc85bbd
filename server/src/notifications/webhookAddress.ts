/**
 * Where a webhook may point: never the server's own network. The same rules are applied when an
 * endpoint is registered (to its URL's host) and when a message is delivered (to every address its
 * name resolves to), since a public name can resolve, or be made to resolve, to a private address.
 */

import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** Addresses a webhook may not name: the server's own network (loopback, private, link-local). */
const INTERNAL = new BlockList();
const INTERNAL_V4 = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const;
const INTERNAL_V6 = [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['::ffff:0:0', 96],
] as const;
for (const [net, prefix] of INTERNAL_V4) INTERNAL.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of INTERNAL_V6) INTERNAL.addSubnet(net, prefix, 'ipv6');

/**
 * The URL's host as the checks compare it: without IPv6 brackets and without trailing dots. A
 * resolver reads `localhost.` (a fully qualified name) as `localhost`, so an exact comparison
 * alone let it through. URL has already lower-cased it, turned an IDN into its ASCII form and an
 * IPv4 address in any spelling (`0x7f.1`, `127.0.0.1.`) into dotted decimal.
 */
export function webhookHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').replace(/\.+$/, '');
}

/** An IP address of the server's own network (any other string: false). */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && INTERNAL.check(address, family === 6 ? 'ipv6' : 'ipv4');
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
