/** The pure parts of interoperability: single sign-on settings, and the y-websocket frame translation. */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { ConfigError, loadConfig } from '../../server/src/config.ts';
import { YWebsocketAdapter } from '../../server/src/collab/yWebsocketAdapter.ts';

describe('single sign-on settings', () => {
  it('reads providers from OIDC_PROVIDERS and OIDC_<NAME>_*', () => {
    const { oidc } = loadConfig({
      OIDC_PROVIDERS: 'Acme, gov_id',
      OIDC_ACME_ISSUER: 'https://id.acme.example',
      OIDC_ACME_CLIENT_ID: 'plenary',
      OIDC_ACME_CLIENT_SECRET: 's3cret',
      OIDC_ACME_LABEL: 'Acme ID',
      OIDC_GOV_ID_ISSUER: 'https://login.gov.example/realms/mag',
      OIDC_GOV_ID_CLIENT_ID: 'board',
      OIDC_CREATE_OBSERVERS: '1',
    });
    expect(oidc).toEqual({
      providers: [
        { name: 'acme', label: 'Acme ID', issuer: 'https://id.acme.example', clientId: 'plenary', clientSecret: 's3cret' },
        {
          name: 'gov_id',
          label: 'gov_id',
          issuer: 'https://login.gov.example/realms/mag',
          clientId: 'board',
          clientSecret: undefined,
        },
      ],
      createObservers: true,
      observerGroup: 'civil-society',
    });
    expect(loadConfig({}).oidc).toEqual({ providers: [], createObservers: false, observerGroup: 'civil-society' });
  });

  it('names the variable that is missing or wrong', () => {
    expect(() => loadConfig({ OIDC_PROVIDERS: 'acme' })).toThrow(
      new ConfigError("OIDC_ACME_ISSUER must be the provider's http(s) issuer URL (got undefined)"),
    );
    expect(() => loadConfig({ OIDC_PROVIDERS: 'acme', OIDC_ACME_ISSUER: 'https://id.example' })).toThrow(/OIDC_ACME_CLIENT_ID/);
    expect(() => loadConfig({ OIDC_CREATE_OBSERVERS: 'yes' })).toThrow(/OIDC_CREATE_OBSERVERS/);
    expect(() => loadConfig({ OIDC_OBSERVER_GROUP: 'press' })).toThrow(/OIDC_OBSERVER_GROUP/);
    expect(() => loadConfig({ OIDC_PROVIDERS: 'a-b' })).toThrow(/OIDC_PROVIDERS/);
  });
});

/** A ws stand-in that records what is sent and how it closes. */
function fakeSocket() {
  const sent: Uint8Array[] = [];
  const closes: [number | undefined, string | undefined][] = [];
  const socket = {
    OPEN: 1,
    readyState: 1,
    send: (data: Uint8Array) => sent.push(data),
    close: (code?: number, reason?: string) => closes.push([code, reason]),
  };
  return { socket: socket as unknown as WebSocket, sent, closes };
}

const frame = (...parts: ((encoder: encoding.Encoder) => void)[]) => {
  const encoder = encoding.createEncoder();
  for (const part of parts) part(encoder);
  return encoding.toUint8Array(encoder);
};
const name = (value: string) => (encoder: encoding.Encoder) => encoding.writeVarString(encoder, value);
const uint = (value: number) => (encoder: encoding.Encoder) => encoding.writeVarUint(encoder, value);
const bytes = (value: number[]) => (encoder: encoding.Encoder) => encoding.writeUint8Array(encoder, new Uint8Array(value));
const str = (value: string) => (encoder: encoding.Encoder) => encoding.writeVarString(encoder, value);

describe('y-websocket adapter', () => {
  const DOC = 'agenda:m1';

  it('adds the document name to client frames and refuses types y-websocket never sends', () => {
    const adapter = new YWebsocketAdapter(fakeSocket().socket, { documentName: DOC });
    expect(adapter.fromClient(frame(uint(0), bytes([0, 1, 0])))).toEqual(frame(name(DOC), uint(0), bytes([0, 1, 0])));
    expect(adapter.fromClient(frame(uint(1), bytes([5])))).toEqual(frame(name(DOC), uint(1), bytes([5])));
    expect(adapter.fromClient(frame(uint(2), uint(0), str('x')))).toBeNull();
    expect(adapter.fromClient(frame(uint(5), str('hi')))).toBeNull();
    expect(adapter.fromClient(new Uint8Array())).toBeNull();
    const auth = decoding.createDecoder(adapter.authFrame('tok'));
    expect([
      decoding.readVarString(auth),
      decoding.readVarUint(auth),
      decoding.readVarUint(auth),
      decoding.readVarString(auth),
    ]).toEqual([DOC, 2, 0, 'tok']);
  });

  it('strips the name, turns SyncReply into Sync, drops what y-websocket does not know, and names refusals', () => {
    const { socket, sent, closes } = fakeSocket();
    const adapter = new YWebsocketAdapter(socket, { documentName: DOC });
    adapter.send(frame(name(DOC), uint(0), bytes([1, 2])));
    adapter.send(frame(name(DOC), uint(4), bytes([0, 3])));
    adapter.send(frame(name(DOC), uint(2), uint(2), str('read-write')));
    adapter.send(frame(name(DOC), uint(8), uint(1)));
    adapter.send(frame(name(DOC), uint(5), str('stateless')));
    expect(sent).toEqual([frame(uint(0), bytes([1, 2])), frame(uint(0), bytes([0, 3]))]);
    expect(closes).toEqual([]);
    adapter.send(frame(name(DOC), uint(7), str('read-only')));
    adapter.send(frame(name(DOC), uint(2), uint(1), str('Unauthorized')));
    adapter.send(frame(name(DOC), uint(2), uint(1), str('permission-denied')));
    adapter.send(frame(name(DOC), uint(7), str('document-too-large')));
    expect(closes).toEqual([
      [4403, 'read-only'],
      [4401, 'Unauthorized'],
      [4403, 'permission-denied'],
      [4413, 'document-too-large'],
    ]);
  });

  it('holds frames until the write they may acknowledge is durable, in order', async () => {
    const { socket, sent } = fakeSocket();
    const adapter = new YWebsocketAdapter(socket, { documentName: DOC });
    let commit!: () => void;
    adapter.holdUntil(new Promise<void>((resolve) => (commit = resolve)));
    adapter.send(frame(name(DOC), uint(0), bytes([2, 1])));
    adapter.send(frame(name(DOC), uint(1), bytes([9])));
    expect(sent).toEqual([]);
    commit();
    await Promise.resolve();
    await Promise.resolve();
    expect(sent).toEqual([frame(uint(0), bytes([2, 1])), frame(uint(1), bytes([9]))]);
  });
});
