/**
 * Without PUBLIC_ORIGIN (as `npm start` runs), the board works whether the browser opened it as
 * http://localhost:PORT or as the http://127.0.0.1:PORT the server prints; any other origin is
 * still refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';
import { DEMO_PASSWORD } from '../../server/src/demo/demoData.ts';
import { seedDemo } from '../../server/src/demo/seedDemo.ts';
import { freePort } from '../helpers/freePort.ts';
import { tempDir } from '../helpers/testServer.ts';

let app: App;
let port: number;
beforeAll(async () => {
  port = await freePort();
  app = await buildApp(loadConfig({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: tempDir('origins'), LOG_LEVEL: 'silent' }), {
    logger: false,
  });
  await seedDemo(app.store, app.notify);
  await app.http.listen({ port, host: '127.0.0.1' });
});
afterAll(async () => {
  await app?.close();
});

const signIn = (origin: string) =>
  fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email: 'kwame@example.org', password: DEMO_PASSWORD }),
  });

describe('development origins', () => {
  it('accepts a sign-in from localhost and from 127.0.0.1 on the same port', async () => {
    expect((await signIn(`http://localhost:${port}`)).status).toBe(200);
    expect((await signIn(`http://127.0.0.1:${port}`)).status).toBe(200);
  });

  it('still refuses another origin', async () => {
    const response = await signIn('http://evil.example');
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe('CROSS_SITE');
  });
});
