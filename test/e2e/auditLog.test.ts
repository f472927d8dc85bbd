/**
 * The audit log in the browser names polls, proposals, working groups and agenda items (not only
 * people and meetings), shows recorded names as text however much they look like markup, and
 * marks in the reader's language an id whose thing no longer exists. Axe-clean. A French reader
 * reads the codes an entry records (a poll's audience, a meeting's format and visibility, a balance
 * rule, an attendance, a token's scopes, a refused ballot's error) in words, as elsewhere on the
 * board, with no English message beside the refusal's reason, and a meeting's format and place
 * in French words, an older entry's English line ("Hybrid, Lillestrøm") too; an Arabic reader
 * reads a thread's name with each of its parts in a <bdi> of its own. A meeting's place taken away
 * reads "Aucun", and a change that changed nothing leaves no entry; a Chinese reader reads a demo
 * action item's source agenda item by its number and title, not its id marked as unnamed.
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { a11yViolations } from '../helpers/a11y.ts';
import { browserSuite } from '../helpers/browser.ts';
import { http, httpOk, login, type Session } from '../helpers/clients.ts';
import { setCurrentItem } from '../helpers/currentItem.ts';
import { createMeeting } from '../helpers/meetings.ts';

const { server, signIn } = browserSuite();
const DEMO = DEMO_MEETING.id;
/** A request as `who` that the test needs to succeed (a status under 300); its answer's body. */
const call = <T = { id: string }>(who: Session, method: string, path: string, body?: unknown) =>
  httpOk<T>(server.baseUrl, method, path, { cookie: who.cookie, body });

describe('the audit log’s names in the browser', () => {
  it('names a poll, a proposal, a working group and an agenda item as text, and marks a deleted poll in the reader’s language', async () => {
    const chair = await login(server.baseUrl, 'chair@example.org');
    const member = await login(server.baseUrl, 'kwame@example.org');
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
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

  it('says the codes an entry records in the reader’s words, not as codes (French)', async () => {
    const chair = await login(server.baseUrl, 'chair@example.org');
    const member = await login(server.baseUrl, 'mei@example.org');
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    const meetingId = await createMeeting(server.baseUrl, { title: 'Séance des codes' });
    // A change recorded before the log kept the format and the place alone: with the English line
    // (before the change below, so that the newer one is the row `value` reads first).
    await server.app.store.audit.record({
      actorId: null,
      action: 'meeting.update',
      subject: `meeting:${meetingId}`,
      detail: { place: 'Lillestrøm', form: 'Hybrid, Lillestrøm' },
    });
    await call(secretariat, 'PATCH', `/api/meetings/${meetingId}`, { format: 'hybrid', place: 'Genève', visibility: 'public' });
    const poll = await call<{ id: string }>(chair, 'POST', `/api/meetings/${meetingId}/polls`, {
      question: 'Qui vote ici ?',
      kind: 'single',
      options: [{ label: 'Oui' }, { label: 'Non' }],
      audience: 'everyone',
    });
    // A draft is not open: the ballot is refused, and the refusal recorded with its code.
    await httpOk(server.baseUrl, 'PUT', `/api/polls/${poll.id}/ballot`, {
      cookie: member.cookie,
      body: { choices: [] },
      status: 409,
    });
    await call(chair, 'PUT', `/api/meetings/${meetingId}/floor/settings`, {
      limitSeconds: 120,
      balanceRule: 'least-spoken',
      itemId: '',
    });
    await call(member, 'POST', `/api/meetings/${meetingId}/attendance`, { day: '2027-04-06', mode: 'online' });
    await call(secretariat, 'POST', '/api/tokens', { name: 'Outil de suivi', scopes: ['read', 'write'] });

    const { page, errors } = await signIn('secretariat@example.org', '/admin/audit-log', { language: 'fr' });
    await page.getByRole('table').waitFor();
    const row = (action: string) => page.getByRole('row').filter({ hasText: action }).first();
    /** The value of a field of an entry, by the field's label (at any depth of the detail; the last one: a change's "After"). */
    const value = async (action: string, field: string) =>
      (
        await row(action)
          .locator('dt', { hasText: new RegExp(`^${field}$`) })
          .last()
          .locator('xpath=following-sibling::dd[1]')
          .textContent()
      )?.trim();

    expect(await value('Réunion modifiée', 'Format')).toBe('Hybride');
    expect(await value('Réunion modifiée', 'Visibilité')).toBe('Publique');
    expect(await value('Scrutin créé', 'Votants')).toBe('Toutes les personnes connectées, y compris les observateurs');
    expect(await value('Bulletin refusé', 'Code d’erreur')).toBe('Cet élément n’est pas ouvert pour le moment.');
    // And why, which the code's general sentence does not say: a draft, not yet open (not closed).
    expect(await value('Bulletin refusé', 'Motif')).toBe('Le scrutin n’était pas encore ouvert');
    // The reason reads once, in French: not again as the server's English message.
    expect(
      await row('Bulletin refusé')
        .locator('dt', { hasText: /^Message$/ })
        .count(),
    ).toBe(0);
    expect(await value('Règles de prise de parole modifiées', 'Règle d’équilibre')).toBe(
      'Au tour du groupe qui s’est le moins exprimé',
    );
    expect(await value('Présence enregistrée', 'Présence')).toBe('en ligne');
    expect(await value('Jeton d’API créé', 'Autorisations')).toBe('lecture et écriture');
    // A meeting's format and place: the format in words and the place as written, in a change
    // recorded now (no English line beside them) and in an older one (its English line read back).
    const meetingChange = (place: string) =>
      page.getByRole('row').filter({ hasText: 'Réunion modifiée' }).filter({ hasText: place });
    const field = (place: string, label: string) =>
      meetingChange(place)
        .locator('dt', { hasText: new RegExp(`^${label}$`) })
        .locator('xpath=following-sibling::dd[1]');
    expect(await field('Genève', 'Lieu').textContent()).toBe('Genève');
    expect(
      await meetingChange('Genève')
        .locator('dt', { hasText: /^Format et lieu$/ })
        .count(),
    ).toBe(0);
    expect(await field('Lillestrøm', 'Format et lieu').textContent()).toBe('Hybride, Lillestrøm');
    expect(await field('Lillestrøm', 'Format et lieu').locator('bdi').textContent()).toBe('Lillestrøm');
    const detail = await page.locator('main').textContent();
    for (const code of ['everyone', 'NOT_OPEN', 'not-open-yet', 'least-spoken']) expect(detail).not.toContain(code);
    for (const english of ['not open yet', 'Hybrid,']) expect(detail).not.toContain(english);
    expect(errors).toEqual([]);
  });

  it('says a meeting’s cleared place as “Aucun”, and records neither a field nor a change that changed nothing (French)', async () => {
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    const meetingId = await createMeeting(server.baseUrl, { title: 'Séance sans lieu', format: 'hybrid', place: 'Genève' });
    const patch = (body: unknown) =>
      httpOk(server.baseUrl, 'PATCH', `/api/meetings/${meetingId}`, { cookie: secretariat.cookie, body, status: 200 });
    await patch({ format: 'online', place: '' });
    // The same form sent again, then a place still empty: nothing changed.
    await patch({ format: 'online', place: '' });
    await patch({ place: '' });

    const { page, errors } = await signIn('secretariat@example.org', '/admin/audit-log', { language: 'fr' });
    await page.getByRole('table').waitFor();
    const changes = page.getByRole('row').filter({ hasText: 'Réunion modifiée' }).filter({ hasText: 'Séance sans lieu' });
    await changes.first().waitFor();
    expect(await changes.count()).toBe(1);
    const field = (label: string) =>
      changes
        .locator('dt', { hasText: new RegExp(`^${label}$`) })
        .locator('xpath=following-sibling::dd[1]')
        .textContent();
    expect(await field('Format')).toBe('En ligne');
    // The place taken away reads as none, not as a label followed by nothing.
    expect(await field('Lieu')).toBe('Aucun');
    expect(errors).toEqual([]);
  });

  it('names in Chinese the agenda item a demo action item came from, as its agenda item is named', async () => {
    const { page, errors } = await signIn('secretariat@example.org', '/admin/audit-log', { language: 'zh' });
    await page.getByRole('table').waitFor();
    const fromAob = page.getByRole('row').filter({ hasText: '创建了后续行动' }).filter({ hasText: 'Any other business' });
    await fromAob.first().waitFor();
    const source = fromAob
      .first()
      .locator('dt', { hasText: /^来源$/ })
      .locator('xpath=following-sibling::dd[1]');
    expect(await source.textContent()).toContain('8. Any other business');
    // Not the item's id marked as having no name known.
    expect(await page.locator('main').textContent()).not.toContain('oc1-aob');
    expect(errors).toEqual([]);
  });

  it('says in Russian whose a speaker’s hand is and on which item, a restored version by its name, and a new meeting’s format and place', async () => {
    const chair = await login(server.baseUrl, 'chair@example.org');
    const member = await login(server.baseUrl, 'kwame@example.org');
    await createMeeting(server.baseUrl, { title: 'Заседание в Женеве', format: 'hybrid', place: 'Женева' });
    const items = await call<{ fullNumber: string; title: string }[]>(chair, 'GET', `/api/meetings/${DEMO}/agenda-items`);
    await setCurrentItem(server.baseUrl, 1);
    const hand = await call(member, 'POST', `/api/meetings/${DEMO}/floor/hands`, {});
    await call(chair, 'DELETE', `/api/meetings/${DEMO}/floor/hands/${hand.id}`);
    const version = await call(chair, 'POST', `/api/meetings/${DEMO}/versions`, { name: 'Перед прениями' });
    await call(chair, 'POST', `/api/meetings/${DEMO}/versions/${version.id}/restore`);

    const { page, errors } = await signIn('secretariat@example.org', '/admin/audit-log', { language: 'ru' });
    await page.getByRole('table').waitFor();
    const text = (value: string | null) => (value ?? '').replace(/[\u2068\u2069]/g, '').trim();
    const value = (row: Locator, label: string) =>
      row
        .locator('dt', { hasText: new RegExp(`^${label}$`) })
        .locator('xpath=following-sibling::dd[1]')
        .first()
        .textContent()
        .then(text);
    const item = `${items[1]!.fullNumber}. ${items[1]!.title}`;

    // The hand: the person and the item it was on, in Russian words, never its id.
    const lowered = page.getByRole('row').filter({ hasText: 'Рука опущена' }).first();
    expect(await value(lowered, 'Заявка на выступление')).toBe(`${member.user.name}, пункт ${item}`);
    expect(await value(lowered, 'Пункт повестки дня')).toBe(item);
    expect(await lowered.textContent()).not.toContain(hand.id);
    const restored = page.getByRole('row').filter({ hasText: 'Восстановлена версия повестки дня' }).first();
    expect(await value(restored, 'Версия повестки дня')).toBe('Перед прениями');
    expect(await restored.textContent()).not.toContain(version.id);
    // A new meeting's format in words and its place as written, as a change's.
    const created = page.getByRole('row').filter({ hasText: 'Создано заседание' }).filter({ hasText: 'Заседание в Женеве' });
    expect(await value(created, 'Формат')).toBe('Гибридный формат');
    expect(await value(created, 'Место')).toBe('Женева');
    // No id is left unnamed on the page: the demo's action items' sources (agenda items) included.
    expect(await page.locator('main').textContent()).not.toContain('(имя неизвестно)');
    expect(await a11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('isolates each part of a thread’s name on an Arabic page: its comment, the author and the proposal', async () => {
    const member = await login(server.baseUrl, 'olena@example.org');
    const proposal = await http<{ id: string }>(server.baseUrl, 'POST', `/api/meetings/${DEMO}/proposals`, {
      cookie: member.cookie,
      body: { kind: 'other', title: 'Remote hubs (2027)', summary: 'Hubs.' },
    });
    const thread = await http<{ id: string }>(server.baseUrl, 'POST', '/api/threads', {
      cookie: member.cookie,
      body: { doc: `proposal:${proposal.body.id}`, body: 'Budget line 4' },
    });
    expect(thread.status).toBe(201);

    const { page, errors } = await signIn('secretariat@example.org', '/admin/audit-log', { language: 'ar' });
    await page.getByRole('table').waitFor();
    const name = page.getByRole('row').filter({ hasText: 'Budget line 4' }).first().locator('.audit-name').first();
    expect(await name.locator('bdi').allTextContents()).toEqual(['Budget line 4', 'Olena Kovalenko', 'Remote hubs (2027)']);
    // The words between them follow the page's direction, outside every <bdi>, in the page's language
    // (chosen on the device only: the server words the name in the language the page asks for).
    expect(await name.evaluate((element) => element.closest('bdi'))).toBeNull();
    const between = await name.evaluate((element) =>
      [...element.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent)
        .join(''),
    );
    expect(between).toContain('بقلم');
    expect(between).toContain('على');
    expect(errors).toEqual([]);
  });
});
