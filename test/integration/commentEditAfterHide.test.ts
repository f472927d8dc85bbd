/**
 * An edit the comments service let through just before a moderator's hide (or the author's delete)
 * committed must not land after it: the store's UPDATE itself refuses a hidden or deleted comment,
 * on SQLite and PostgreSQL. The service's check before the transaction cannot be raced reliably
 * from outside, so the test calls the store the way that edit would, once the hide is in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CommentStore } from '../../server/src/comments/commentStore.ts';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import type { ThreadDto } from '../../shared/schemas/comments.ts';
import { login, type Session } from '../helpers/clients.ts';
import { BACKENDS, serverSuite } from '../helpers/serverSuite.ts';

const AGENDA = agendaDoc(DEMO_MEETING.id);

describe.each(BACKENDS)('an edit after a hide on %s', (backend) => {
  const { server, call } = serverSuite({ backend, database: 'commentedithide' });
  let kwame: Session;
  let chair: Session;
  beforeAll(async () => {
    kwame = await login(server.baseUrl, 'kwame@example.org');
    chair = await login(server.baseUrl, 'chair@example.org');
  });

  const posted = async (body: string) => {
    const thread = await call<ThreadDto>(kwame, 'POST', '/api/threads', { doc: AGENDA, body });
    expect(thread.status).toBe(201);
    return thread.body.comments[0]!.id;
  };
  const stored = (id: string) =>
    server.app.store.db.get<{ body: string; edited_at: number | null }>('SELECT body, edited_at FROM comments WHERE id = ?', [
      id,
    ]);

  it('writes nothing to a comment a moderator hid, and the author’s edit gets the refusal', async () => {
    const id = await posted('The text the moderator hid.');
    expect((await call(chair, 'DELETE', `/api/comments/${id}`, { reason: 'Off topic.' })).status).toBe(204);
    // The edit's own write, after the hide: refused, the hidden text kept for the record as it was.
    expect(await new CommentStore(server.app.store.db).editComment(id, 'Rewritten after the hide.')).toBe('hidden');
    expect(await stored(id)).toEqual({ body: 'The text the moderator hid.', edited_at: null });
    const edit = await call<{ error: { code: string } }>(kwame, 'PATCH', `/api/comments/${id}`, { body: 'Rewritten again.' });
    expect(edit.status).toBe(409);
  });

  it('writes nothing to a comment its author deleted', async () => {
    const id = await posted('Soon deleted.');
    expect((await call(kwame, 'DELETE', `/api/comments/${id}`)).status).toBe(204);
    expect(await new CommentStore(server.app.store.db).editComment(id, 'Back from the dead.')).toBe('deleted');
    expect(await stored(id)).toMatchObject({ body: '', edited_at: null });
  });

  it('still edits a shown comment once, and the same text again is no edit', async () => {
    const id = await posted('Shown.');
    const comments = new CommentStore(server.app.store.db);
    expect(await comments.editComment(id, 'Shown, edited.')).toBe('edited');
    expect(await comments.editComment(id, 'Shown, edited.')).toBe('unchanged');
    expect((await stored(id))?.body).toBe('Shown, edited.');
  });
});
