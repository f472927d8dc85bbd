/**
 * Who may read /metrics: clients from the configured addresses (METRICS_ALLOW, by default the
 * loopback), or anyone presenting the bearer token (METRICS_TOKEN). The address is the one
 * TRUST_PROXY resolves, so a client behind the proxy cannot claim to be the loopback.
 */
import { timingSafeEqual } from 'node:crypto';
import net from 'node:net';

export function metricsAccess(
  allow: string[],
  token: string | undefined,
): (ip: string, authorization: string | undefined) => boolean {
  const list = new net.BlockList();
  for (const entry of allow) {
    const [address, prefix] = entry.split('/');
    const type = net.isIPv6(address!) ? 'ipv6' : 'ipv4';
    if (!net.isIP(address!)) throw new Error(`METRICS_ALLOW: ${entry} is not an address or CIDR`);
    if (prefix === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, Number(prefix), type);
  }
  const expected = token ? Buffer.from(`Bearer ${token}`) : null;
  return (ip, authorization) => {
    if (expected && authorization) {
      const given = Buffer.from(authorization);
      if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
    }
    // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
    const address = mapped ?? ip;
    const type = net.isIPv6(address) ? 'ipv6' : 'ipv4';
    return net.isIP(address) !== 0 && list.check(address, type);
  };
}
