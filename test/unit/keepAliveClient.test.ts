/**
 * The load generators' HTTP client (bench/load/keepAliveClient.ts), HTTP/1.1 over node:net: what the
 * benchmarks count on is that every answer reaches the request it belongs to, whole, over at most the
 * pool's connections, and that a failure is a status of -1, never a throw.
 */
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { keepAliveClient } from '../../bench/load/keepAliveClient.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listen(server: net.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

function client(baseUrl: string, maxSockets: number) {
  const pool = keepAliveClient(baseUrl, maxSockets);
  cleanups.push(pool.close);
  return pool;
}

/** A node:http server that answers each request with what it received, as JSON, after `delayMs`. */
async function echoServer(delayMs = 0) {
  const sockets = new Set<net.Socket>();
  const server = http.createServer((request, response) => {
    sockets.add(request.socket);
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () =>
      setTimeout(() => {
        const { cookie, 'content-type': type, 'content-length': length } = request.headers;
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify({ method: request.method, url: request.url, cookie, type, length, body }));
      }, delayMs),
    );
  });
  const baseUrl = await listen(server);
  cleanups.push(() => server.closeAllConnections());
  return { baseUrl, sockets };
}

/** A raw TCP server: `answer` writes whatever bytes it likes for each request head it reads. */
async function rawServer(answer: (socket: net.Socket, requestHead: string) => void) {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      let end = received.indexOf('\r\n\r\n');
      while (end >= 0) {
        const head = received.slice(0, end);
        received = received.slice(end + 4);
        answer(socket, head);
        end = received.indexOf('\r\n\r\n');
      }
    });
    socket.on('error', () => {});
  });
  const baseUrl = await listen(server);
  cleanups.push(() => {
    for (const socket of sockets) socket.destroy();
  });
  return { baseUrl, connections: () => connections };
}

describe('keepAliveClient', () => {
  it('answers many concurrent requests, each with its own status and body, over no more than maxSockets connections', async () => {
    const { baseUrl, sockets } = await echoServer(5);
    const { send } = client(baseUrl, 4);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => send('POST', `/api/threads?i=${i}`, `plenary_session=s${i}`, JSON.stringify({ i }))),
    );
    answers.forEach((answer, i) => {
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text)).toEqual({
        method: 'POST',
        url: `/api/threads?i=${i}`,
        cookie: `plenary_session=s${i}`,
        type: 'application/json',
        length: String(JSON.stringify({ i }).length),
        body: JSON.stringify({ i }),
      });
    });
    expect(sockets.size).toBe(4);
  });

  it('sends a GET without a body, and an empty PUT with Content-Length: 0 (as node:http does)', async () => {
    const { baseUrl } = await echoServer();
    const { send } = client(baseUrl, 1);
    const get = JSON.parse((await send('GET', '/api/me', 'c=1')).text);
    expect(get).toMatchObject({ method: 'GET', cookie: 'c=1', body: '' });
    expect(get.length).toBeUndefined();
    expect(get.type).toBeUndefined();
    expect(JSON.parse((await send('PUT', '/api/questions/q/vote', 'c=1')).text)).toMatchObject({ method: 'PUT', length: '0' });
  });

  it('counts a body in bytes and decodes multi-byte UTF-8 answers whole', async () => {
    const { baseUrl } = await echoServer();
    const { send } = client(baseUrl, 2);
    const text = 'Délégation — 会议 مرحبا 🎉'.repeat(500);
    const answer = await send('POST', '/api/threads', 'c=1', JSON.stringify({ text }));
    const echoed = JSON.parse(answer.text);
    expect(Number(echoed.length)).toBe(Buffer.byteLength(JSON.stringify({ text })));
    expect(JSON.parse(echoed.body)).toEqual({ text });
  });

  it('reads a response split across TCP packets, even inside a multi-byte character', async () => {
    const body = Buffer.from(JSON.stringify({ text: 'é€😀'.repeat(10) }));
    const response = Buffer.concat([
      Buffer.from(`HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`),
      body,
    ]);
    const { baseUrl } = await rawServer((socket) => {
      // One byte per write, each after the last has gone out (separate segments with noDelay).
      socket.setNoDelay(true);
      let at = 0;
      const next = () => {
        if (at < response.length) socket.write(response.subarray(at, ++at), () => setImmediate(next));
      };
      next();
    });
    const { send } = client(baseUrl, 1);
    const answer = await send('POST', '/api/threads', 'c=1', '{}');
    expect(answer).toEqual({ status: 201, text: body.toString('utf8') });
    expect(await send('GET', '/api/me', 'c=1')).toEqual({ status: 201, text: body.toString('utf8') }); // the same connection
  });

  it('reads a chunked response', async () => {
    const server = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      response.write('first ');
      setTimeout(() => {
        response.write('second — ');
        response.end('third ✓');
      }, 10);
    });
    const baseUrl = await listen(server);
    cleanups.push(() => server.closeAllConnections());
    const { send } = client(baseUrl, 1);
    expect(await send('GET', '/chunked', 'c=1')).toEqual({ status: 200, text: 'first second — third ✓' });
    expect(await send('GET', '/chunked', 'c=1')).toEqual({ status: 200, text: 'first second — third ✓' });
  });

  it('opens a new connection after the server answered with Connection: close or closed an idle one', async () => {
    let served = 0;
    const { baseUrl, connections } = await rawServer((socket) => {
      served++;
      const close = served === 1;
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: 2\r\n${close ? 'Connection: close\r\n' : ''}\r\nok`);
      if (close) socket.end();
      else if (served === 2) setTimeout(() => socket.end(), 10); // an idle connection the server lets go
    });
    const { send } = client(baseUrl, 1);
    expect(await send('GET', '/a', 'c=1')).toEqual({ status: 200, text: 'ok' });
    expect(await send('GET', '/b', 'c=1')).toEqual({ status: 200, text: 'ok' });
    expect(connections()).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await send('GET', '/c', 'c=1')).toEqual({ status: 200, text: 'ok' });
    expect(connections()).toBe(3);
  });

  it('answers -1 when the connection is refused or drops mid-answer, and queued requests still get an answer', async () => {
    const refused = net.createServer();
    const baseUrl = await listen(refused);
    await new Promise((resolve) => refused.close(resolve)); // the port is now free: nothing listens
    const { send } = client(baseUrl, 2);
    const answers = await Promise.all(Array.from({ length: 5 }, () => send('POST', '/api/threads', 'c=1', '{}')));
    expect(answers).toEqual(Array.from({ length: 5 }, () => ({ status: -1, text: '' })));

    const dropping = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part');
      socket.destroy();
    });
    expect(await client(dropping.baseUrl, 1).send('GET', '/', 'c=1')).toEqual({ status: -1, text: '' });
  });

  it('answers -1 to what is still pending when closed', async () => {
    const { baseUrl } = await rawServer(() => {}); // never answers
    const pool = client(baseUrl, 1);
    const inFlight = pool.send('GET', '/a', 'c=1');
    const queued = pool.send('GET', '/b', 'c=1');
    await new Promise((resolve) => setTimeout(resolve, 20));
    pool.close();
    expect(await inFlight).toEqual({ status: -1, text: '' });
    expect(await queued).toEqual({ status: -1, text: '' });
  });
});
