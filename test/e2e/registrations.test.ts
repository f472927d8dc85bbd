/**
 * A public meeting's registrations page, as the secretariat uses it: registration opened and closed
 * while the meeting takes changes; on an archived meeting the page is a record (the meeting guard
 * refuses the change with 409 MEETING_ARCHIVED), so it offers no button the server would refuse, and its
 * registration reads as closed because the meeting is archived, never as open.
 */
import { describe, expect, it } from 'vitest';
import { browserSuite } from '../helpers/browser.ts';
import { createMeeting } from '../helpers/meetings.ts';

const { server, signIn } = browserSuite();

describe('the registrations page', () => {
  it('offers closing and opening registration on an active meeting, and nothing to change on an archived one', async () => {
    const secretariat = await signIn('secretariat@example.org');
    const meetingId = await createMeeting(server.baseUrl, { title: 'Open forum', visibility: 'public' });
    const page = secretariat.page;
    await page.goto(`/meetings/${meetingId}/registrations`);
    const close = page.getByRole('button', { name: 'Close registration' });
    await close.click();
    const reopen = page.getByRole('button', { name: 'Open registration' });
    await reopen.waitFor();
    await reopen.click();
    await close.waitFor();

    const archived = await secretariat.context.request.post(`/api/meetings/${meetingId}/archive`);
    expect(archived.status()).toBe(200);
    const refused = await secretariat.context.request.patch(`/api/meetings/${meetingId}/registration`, { data: { open: true } });
    expect(refused.status()).toBe(409);

    await page.goto(`/meetings/${meetingId}/registrations`);
    await page.getByRole('heading', { name: 'Registration', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: /registration/ }).count()).toBe(0);
    await page.getByText('This meeting is archived:', { exact: false }).waitFor();
    // Its state reads closed for good, not open (the server answers `{ open: false, archived: true }`).
    await page.getByText('Registration is closed: this meeting is archived', { exact: false }).waitFor();
    expect(await page.getByText('Registration is open', { exact: false }).count()).toBe(0);
    expect(secretariat.errors).toEqual([]);
  });
});
