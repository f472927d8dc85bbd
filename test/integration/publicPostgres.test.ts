/**
 * The public feature on PostgreSQL: its migration applies, the public page reads every table it
 * shows, and a registration is stored, refused the second time and listed.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING, SEED_MEETING } from '../../server/src/demo/demoData.ts';
import { http, login, sleep } from '../helpers/clients.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const { server } = serverSuite({ backend: 'postgres', database: 'publicpages' });

describe('public pages and registration on PostgreSQL', () => {
  it('serves the public meeting, hides the mag meeting, and keeps one registration per email', async () => {
    const page = await fetch(`${server.baseUrl}/public/meetings/${DEMO_MEETING.id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Policy Network on the Implementation of the Global Digital Compact');
    expect((await fetch(`${server.baseUrl}/public/meetings/${SEED_MEETING.id}`)).status).toBe(404);
    // The live fingerprint's reads (documents' marks, comments' mark) run on PostgreSQL too.
    const live = await fetch(`${server.baseUrl}/public/meetings/${DEMO_MEETING.id}/live`);
    expect(live.status).toBe(200);
    expect(((await live.json()) as { fingerprint: string }).fingerprint).toMatch(/^[0-9a-f]{32}$/);

    const form = await http<{ formToken: string }>(server.baseUrl, 'GET', `/api/meetings/${DEMO_MEETING.id}/registrations/form`);
    await sleep(3_200);
    const body = {
      name: 'Lina Haddad',
      email: 'lina@example.net',
      group: 'civil-society',
      country: 'Jordan',
      affiliation: '',
      formToken: form.body.formToken,
    };
    expect((await http(server.baseUrl, 'POST', `/api/meetings/${DEMO_MEETING.id}/registrations`, { body })).status).toBe(202);
    // The same address again is answered like a new one (nobody learns who registered), and stays one registration.
    expect((await http(server.baseUrl, 'POST', `/api/meetings/${DEMO_MEETING.id}/registrations`, { body })).status).toBe(202);
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    const list = await http<{ email: string; confirmed: boolean }[]>(
      server.baseUrl,
      'GET',
      `/api/meetings/${DEMO_MEETING.id}/registrations`,
      { cookie: secretariat.cookie },
    );
    expect(list.body).toEqual([expect.objectContaining({ email: 'lina@example.net', confirmed: false })]);
  });

  it('lists and serves a public meeting’s attachment from the chunk store, and 404 for a mag meeting’s', async () => {
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    const bytes = Buffer.from('Stocktaking summary: 120 contributions received.\n');
    const attach = async (meetingId: string) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), 'Stocktaking summary.txt');
      const response = await fetch(`${server.baseUrl}/api/meetings/${meetingId}/attachments`, {
        method: 'POST',
        headers: { cookie: secretariat.cookie },
        body: form,
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    };
    const open = await attach(DEMO_MEETING.id);
    const closed = await attach(SEED_MEETING.id);
    const page = await (await fetch(`${server.baseUrl}/public/meetings/${DEMO_MEETING.id}`)).text();
    expect(page).toContain(`/public/meetings/${DEMO_MEETING.id}/attachments/${open}`);
    const file = await fetch(`${server.baseUrl}/public/meetings/${DEMO_MEETING.id}/attachments/${open}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await fetch(`${server.baseUrl}/public/meetings/${SEED_MEETING.id}/attachments/${closed}`)).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/public/meetings/${DEMO_MEETING.id}/attachments/${closed}`)).status).toBe(404);
  });
});
