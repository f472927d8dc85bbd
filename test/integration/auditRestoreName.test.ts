/**
 * An `agenda.restore` entry's `name` (the restored version's, as recorded) reads in the reader's
 * language when the board named that version itself ("Before restoring “…”" reads "Avant la
 * restauration de « … »"), as the version history says it; a name someone typed stays as typed, even
 * one that looks exactly like an automatic name. Before, the detail kept the English stored name.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryDto } from '../../shared/schemas/audit.ts';
import { httpOk, login, type Session } from '../helpers/clients.ts';
import { createMeeting } from '../helpers/meetings.ts';
import { BACKENDS, serverSuite } from '../helpers/serverSuite.ts';

describe.each(BACKENDS)('the name of a restored version in the audit log on %s', (backend) => {
  const { server } = serverSuite({ backend, database: 'auditrestorename' });
  let chair: Session;
  let secretariat: Session;
  let meetingId: string;

  beforeAll(async () => {
    chair = await login(server.baseUrl, 'chair@example.org');
    secretariat = await login(server.baseUrl, 'secretariat@example.org');
    meetingId = await createMeeting(server.baseUrl, { title: `Restores ${backend}` });
  });

  const call = <T = any>(who: Session, method: string, path: string, body?: unknown) =>
    httpOk<T>(server.baseUrl, method, path, { cookie: who.cookie, body });
  const name = (typed: string) => call<{ id: string }>(chair, 'POST', `/api/meetings/${meetingId}/versions`, { name: typed });
  const restore = (id: string) =>
    call<{ before: { id: string } }>(chair, 'POST', `/api/meetings/${meetingId}/versions/${id}/restore`);
  /** The last restore's entry, read in `lang`. */
  const lastRestore = async (lang: string) =>
    (await call<AuditEntryDto[]>(secretariat, 'GET', `/api/audit-log?action=agenda.restore&limit=1&lang=${lang}`))[0]!;

  it('says an automatic version’s name in the reader’s language', async () => {
    const draft = await name('Draft 1');
    const { before } = await restore(draft.id);
    await restore(before.id);
    const french = await lastRestore('fr');
    expect(french.detail).toMatchObject({ versionId: before.id, name: 'Avant la restauration de « Draft 1 »' });
    const english = await lastRestore('en');
    expect(english.detail).toMatchObject({ versionId: before.id, name: 'Before restoring “Draft 1”' });
  });

  it('keeps a typed name that looks automatic as typed', async () => {
    for (const typed of ['Automatic, 2025-02-25 10:00 UTC', 'Before restoring “Draft 1”', 'Restored “Draft 1”']) {
      const version = await name(typed);
      await restore(version.id);
      const french = await lastRestore('fr');
      expect(french.detail, typed).toMatchObject({ versionId: version.id, name: typed });
      expect(french.names[version.id], typed).toBe(typed);
    }
  });

  it('stores the restored version’s kind, so that a typed name looking automatic stays typed when that version is not read', async () => {
    // A meeting of its own: a restore that changes nothing keeps the version saved before an earlier one at the same point.
    meetingId = await createMeeting(server.baseUrl, { title: `Typed names ${backend}` });
    const typed = 'Automatic, 2025-02-25 10:00 UTC';
    const version = await name(typed);
    const { before } = await restore(version.id);
    const listed = await call<{ id: string; origin?: { kind?: string } }[]>(chair, 'GET', `/api/meetings/${meetingId}/versions`);
    expect(listed.find((found) => found.id === before.id)?.origin).toMatchObject({ versionId: version.id, kind: 'named' });
    // A version saved before restoring one the log cannot read (its id names none): named from the origin alone.
    const id = `before-gone-${backend}`;
    const origin = JSON.stringify({ made: 'beforeRestore', versionId: 'gone', name: typed, kind: 'named' });
    await server.app.store.db.run(
      `INSERT INTO agenda_versions (id, meeting_id, seq, name, kind, created_by, created_at, origin) VALUES (?, ?, ?, ?, 'auto', NULL, ?, ?)`,
      [id, meetingId, -1, `Before restoring “${typed}”`, Date.parse('2025-02-25T11:00:00Z'), origin],
    );
    await server.app.store.audit.record({
      actorId: chair.user.id,
      action: 'agenda.restore',
      subject: `meeting:${meetingId}`,
      detail: { versionId: id, name: `Before restoring “${typed}”` },
    });
    const french = await lastRestore('fr');
    expect(french.names[id]).toBe(`Avant la restauration de « ${typed} »`);
    expect(french.detail).toMatchObject({ versionId: id, name: `Avant la restauration de « ${typed} »` });
  });
});
