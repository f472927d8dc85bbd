/**
 * The version history in the reader's language (Chromium, in Russian): the names the board gives
 * versions itself (automatic, before a restore, the restore) are worded on the page, not shown in
 * the English they were once stored in; a version saved before that was stored (its English name
 * only) reads in Russian too.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import type { VersionDto } from '../../shared/schemas/meetingRecord.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite } from '../helpers/browser.ts';
import { http, login } from '../helpers/clients.ts';

const { server, signIn } = browserSuite();
const MEETING_API = `/api/meetings/${DEMO_MEETING.id}`;

describe('version names in the reader’s language', () => {
  it('words automatic, before-restore and restore names in Russian, older stored English names too', {
    timeout: 120_000,
  }, async () => {
    const chair = await login(server.baseUrl, 'chair@example.org');
    const saved = await http<VersionDto>(server.baseUrl, 'POST', `${MEETING_API}/versions`, {
      cookie: chair.cookie,
      body: { name: 'Согласованная повестка' },
    });
    expect(saved.status).toBe(201);
    const restore = await http(server.baseUrl, 'POST', `${MEETING_API}/versions/${saved.body.id}/restore`, {
      cookie: chair.cookie,
    });
    expect(restore.status).toBe(200);
    // An automatic version as one was stored before its parts were: its English name only.
    await server.app.store.db.run(
      `INSERT INTO agenda_versions (id, meeting_id, seq, name, kind, created_by, created_at) VALUES (?, ?, ?, ?, 'auto', NULL, ?)`,
      ['old-automatic', DEMO_MEETING.id, -1, 'Automatic, 2025-02-25 10:00 UTC', Date.parse('2025-02-25T10:00:30Z')],
    );

    const { page, errors } = await signIn('chair@example.org', `/meetings/${DEMO_MEETING.id}`, { language: 'ru' });
    await page.getByRole('tab', { name: 'Версии' }).click();
    const list = page.locator('.versions__list');
    await expect.poll(() => list.textContent()).toContain('Перед восстановлением «Согласованная повестка»');
    const names = await page.locator('.versions__name').allTextContents();
    expect(names).toContain('Восстановлена «Согласованная повестка»');
    expect(names).toContain('Перед восстановлением «Согласованная повестка»');
    const automatic = names.find((name) => name.startsWith('Автоматически, '));
    expect(automatic).toContain('2025');
    expect(automatic).toContain('10:00');
    for (const english of ['Automatic', 'Before restoring', 'Restored']) expect(names.join('\n')).not.toContain(english);
    // The comparison's lists name them alike.
    expect(await page.locator('#version-from').textContent()).toContain('Перед восстановлением «Согласованная повестка»');
    expect(await a11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
