/**
 * The audit log in the browser names polls, proposals, working groups and agenda items (not only
 * people and meetings), shows recorded names as text however much they look like markup, and
 * marks in the reader's language an id whose thing no longer exists. Axe-clean.
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite } from '../helpers/browser.ts';
import { http, login, type Session } from '../helpers/clients.ts';
import { setCurrentItem } from '../helpers/currentItem.ts';

const { server, signIn } = browserSuite();
const DEMO = DEMO_MEETING.id;

describe('the audit log’s names in the browser', () => {
  it('names a poll, a proposal, a working group and an agenda item as text, and marks a deleted poll in the reader’s language', async () => {
    const chair = await login(server.baseUrl, 'chair@example.org');
    const member = await login(server.baseUrl, 'kwame@example.org');
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    const call = async <T = { id: string }>(who: Session, method: string, path: string, body?: unknown) => {
      const response = await http<T>(server.baseUrl, method, path, {
        cookie: who.cookie,
        ...(body === undefined ? {} : { body }),
      });
      expect(response.status, `${method} ${path}`).toBeLessThan(300);
      return response.body;
    };
    const pollBody = { kind: 'single', options: [{ label: 'Sí' }, { label: 'No' }], audience: 'members' };
    const question = '¿Ampliar la sesión? <img src=x onerror="document.title=\'injected\'">';
    await call(chair, 'POST', `/api/meetings/${DEMO}/polls`, { question, ...pollBody });
    const title = 'Vía juvenil <b>negrita</b>';
    await call(member, 'POST', `/api/meetings/${DEMO}/proposals`, { kind: 'other', title, summary: 'Resumen.' });
    const group = 'Grupo <script>document.title="injected"</script>';
    await call(secretariat, 'POST', `/api/meetings/${DEMO}/working-groups`, { name: group, description: '' });
    const draft = await call(chair, 'POST', `/api/meetings/${DEMO}/polls`, { question: 'Borrador', ...pollBody });
    await call(chair, 'DELETE', `/api/polls/${draft.id}`);
    const items = await call<{ fullNumber: string; title: string }[]>(chair, 'GET', `/api/meetings/${DEMO}/agenda-items`);
    await setCurrentItem(server.baseUrl, 2);

    const { page, errors } = await signIn('secretariat@example.org', '/admin/audit-log', { language: 'es' });
    await page.getByRole('table').waitFor();
    const text = (value: string | null) => (value ?? '').replace(/[\u2068\u2069]/g, '');
    const subject = async (row: Locator) => text(await row.getByRole('cell').nth(3).textContent());
    const row = (action: string, hasText: string) => page.getByRole('row').filter({ hasText: action }).filter({ hasText });

    expect(await subject(row('Votación creada', '¿Ampliar la sesión?'))).toBe(`Votación${question}`);
    expect(await subject(row('Propuesta presentada', 'Vía juvenil'))).toBe(`Propuesta${title}`);
    expect(await subject(row('Grupo de trabajo creado', 'Grupo <script>'))).toBe(`Grupo de trabajo${group}`);
    const changed = row('Tema en curso del orden del día modificado', items[2]!.title);
    const after = changed.locator('dt', { hasText: /^Después$/ }).locator('xpath=following-sibling::dd[1]');
    expect(text(await after.textContent())).toBe(`${items[2]!.fullNumber}. ${items[2]!.title}`);
    expect(await subject(row('Votación eliminada', draft.id))).toBe(`Votación${draft.id} (ya no existe)`);

    // Recorded markup is text: no element of it reached the page, no script of it ran.
    expect(await page.locator('main img, main b, main script').count()).toBe(0);
    expect(await page.title()).not.toBe('injected');
    expect(await a11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
