/**
 * A store that cannot write (the SQLite file may not grow: a full disk) answers 503
 * STORE_UNAVAILABLE, /readyz says it is the store, nothing accepted is lost, and it all resumes
 * by itself once there is room again. The limit is SQLite's own max_page_count, which fails
 * writes with SQLITE_FULL exactly as a full disk does.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import type { ThreadDto } from '../../shared/schemas/comments.ts';
import { login } from '../helpers/clients.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const AGENDA = agendaDoc(DEMO_MEETING.id);
const { server, call } = serverSuite();

describe('a full disk', () => {
  it('answers 503 STORE_UNAVAILABLE, names the store in /readyz, keeps what was stored, and recovers', async () => {
    const member = await login(server.baseUrl, 'kwame@example.org');
    const db = server.app.store.db;
    const { page_count: pages } = (await db.get<{ page_count: number }>('PRAGMA page_count'))!;
    await db.run(`PRAGMA max_page_count = ${Number(pages)}`);
    const stored: string[] = [];
    let refused: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 400 && !refused; i++) {
      const result = await call<ThreadDto>(member, 'POST', '/api/threads', {
        doc: AGENDA,
        body: `Comment ${i} ${'x'.repeat(3000)}`,
      });
      if (result.status === 201) stored.push(result.body.id);
      else refused = result;
    }
    expect(refused?.status).toBe(503);
    expect(refused?.body).toEqual({
      error: { code: 'STORE_UNAVAILABLE', message: 'The store is unavailable; nothing was changed. Try again shortly.' },
    });
    const ready = await call(null, 'GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.checks.storeWrites).toMatch(/store is unavailable: database or disk is full/);
    // Reads still work, and every comment acknowledged before is there.
    const threads = await call<ThreadDto[]>(member, 'GET', `/api/threads?doc=${encodeURIComponent(AGENDA)}`);
    expect(threads.status).toBe(200);
    const ids = new Set(threads.body.map((thread) => thread.id));
    for (const id of stored) expect(ids.has(id)).toBe(true);

    // Room again: the next write succeeds and /readyz is ready.
    await db.run('PRAGMA max_page_count = 1073741823');
    const after = await call<ThreadDto>(member, 'POST', '/api/threads', { doc: AGENDA, body: 'After the disk was freed' });
    expect(after.status).toBe(201);
    expect((await call(null, 'GET', '/readyz')).status).toBe(200);
  });
});
