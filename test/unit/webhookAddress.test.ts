/**
 * Where a webhook may point: the one classification the registration check and the delivery's
 * lookup share (`isInternalAddress`), here for every IPv6 form that carries an IPv4 address, and
 * the delivery refusing such an address before any socket is opened.
 */

import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { isInternalAddress, publicOnlyLookup } from '../../server/src/notifications/webhookAddress.ts';
import { postWebhook } from '../../server/src/notifications/webhookPost.ts';

describe('webhook addresses', () => {
  it('refuses every IPv6 form that carries a loopback, private or link-local IPv4 address', () => {
    for (const address of [
      '::127.0.0.1', // IPv4-compatible
      '::7f00:1', // the same, as the URL parser writes it
      '::10.1.2.3',
      '::ffff:127.0.0.1', // IPv4-mapped
      '::ffff:a9fe:a9fe', // 169.254.169.254, mapped
      '::ffff:0:192.168.1.1', // IPv4-translated
      '64:ff9b::7f00:1', // NAT64
      '64:ff9b::10.0.0.1',
      '64:ff9b::a9fe:a9fe',
      '64:ff9b:1::808:808', // NAT64 local use: the operator's own network, whatever it holds
      '2002:7f00:1::', // 6to4
      '2002:c0a8:101::1',
      '2002:a00:1:1::1',
      '2001:0:7f00:1::', // Teredo, server 127.0.0.1
      '2001:0:4136:e378:8000:63bf:80ff:fffe', // Teredo, client 127.0.0.1 (bits inverted)
      '2001:0:4136:e378:8000:63bf:f5ff:fffe', // Teredo, client 10.0.0.1
    ]) {
      expect(isInternalAddress(address), address).toBe(true);
    }
  });

  it('refuses the server’s own network and addresses that are no single public host', () => {
    for (const address of [
      '127.0.0.1',
      '10.0.0.1',
      '192.168.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '224.0.0.1',
      '255.255.255.255',
      '::',
      '::1',
      'fe80::1',
      'fe80::1%eth0',
      'fd00::1',
      'ff02::1',
    ]) {
      expect(isInternalAddress(address), address).toBe(true);
    }
  });

  it('lets public addresses through, including IPv6 forms carrying a public IPv4 address', () => {
    for (const address of [
      '8.8.8.8',
      '93.184.215.14',
      '2606:4700:4700::1111',
      '2a00:1450:4001::200e',
      '::ffff:8.8.8.8',
      '64:ff9b::808:808',
      '2002:808:808::1',
      '2001:0:4136:e378:8000:63bf:f7f7:f7f7', // Teredo, client 8.8.8.8
    ]) {
      expect(isInternalAddress(address), address).toBe(false);
    }
  });

  it('the delivery’s lookup refuses an IPv6 address carrying a private IPv4 one, as registration does', async () => {
    for (const address of ['::7f00:1', '64:ff9b::7f00:1', '2002:7f00:1::', '2001:0:7f00:1::']) {
      const error = await new Promise<Error | null>((resolve) => publicOnlyLookup(address, {}, (failure) => resolve(failure)));
      expect(error?.name, address).toBe('InternalAddressError');
    }
  });

  it('a delivery to such an address is refused without a connection', async () => {
    let connections = 0;
    const local = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => local.listen(0, '::', resolve));
    const port = (local.address() as AddressInfo).port;
    try {
      for (const host of ['[::127.0.0.1]', '[64:ff9b::7f00:1]', '[2002:7f00:1::]', '[::ffff:127.0.0.1]']) {
        await expect(
          postWebhook({
            url: `https://${host}:${port}/hooks`,
            headers: {},
            body: '{}',
            timeoutMs: 2_000,
            allowLoopbackHttp: false,
          }),
          host,
        ).rejects.toThrow("server's own network");
      }
    } finally {
      await new Promise<void>((resolve) => local.close(() => resolve()));
    }
    expect(connections).toBe(0);
  });
});
