/**
 * Registration for the demo's public meeting, end to end through the API: register, take the
 * confirmation link from the email written to the mail folder, set a password, sign in, comment
 * on the proposal open for public comment. Refusals: the same email twice, the honeypot, a form
 * sent too fast, a mag meeting, closed registration, 30 sign-ups a minute from one address.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING, SEED_MEETING } from '../../server/src/demo/demoData.ts';
import { GDC_PROPOSAL_ID } from '../../server/src/proposals/demoProposals.ts';
import { login, type Session, sleep, waitFor } from '../helpers/clients.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const { server, call } = serverSuite();
const MEETING = DEMO_MEETING.id;
let secretariat: Session;
/** Handed out at the start, so that it is older than the 3 s a person needs by the time it is used. */
let formToken: string;

const person = (email: string) => ({
  name: 'Amara Okafor',
  email,
  group: 'civil-society',
  country: 'Nigeria',
  affiliation: 'Digital Rights Lagos',
  formToken,
});

/** The text of every email written so far (quoted-printable soft breaks undone). */
async function mails(): Promise<string[]> {
  const folder = path.join(server.dataDir, 'mail');
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  return Promise.all(
    names.map(async (name) => (await fs.readFile(path.join(folder, name), 'utf8')).replace(/=\r?\n/g, '').replace(/=3D/g, '=')),
  );
}

beforeAll(async () => {
  secretariat = await login(server.baseUrl, 'secretariat@example.org');
  const form = await call<{ formToken: string; minSeconds: number }>(null, 'GET', `/api/meetings/${MEETING}/registrations/form`);
  expect(form.status).toBe(200);
  formToken = form.body.formToken;
  await sleep(form.body.minSeconds * 1000 + 200);
});

describe('registration for a public meeting', () => {
  it('goes from the form to a comment on a proposal open for public comment', async () => {
    const email = 'amara@example.net';
    const registered = await call(null, 'POST', `/api/meetings/${MEETING}/registrations`, person(email));
    expect(registered.status).toBe(202);
    // Not confirmed yet: no password, so no sign-in.
    expect((await call(null, 'POST', '/api/auth/login', { email, password: 'a long enough password 1' })).status).toBe(401);

    const mail = await waitFor(async () => (await mails()).find((text) => text.includes(`To: ${email}`)), {
      message: 'the confirmation email',
    });
    const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail ?? '')?.[1];
    expect(token).toBeDefined();
    const accepted = await call(null, 'POST', `/api/invitations/${token}/accept`, { password: 'a long enough password 1' });
    expect(accepted.status).toBe(200);

    const observer = await login(server.baseUrl, email, 'a long enough password 1');
    expect(observer.user.role).toBe('observer');
    const thread = await call(observer, 'POST', '/api/threads', {
      doc: `proposal:${GDC_PROPOSAL_ID}`,
      body: 'The Policy Network should report to the NRIs too.',
    });
    expect(thread.status).toBe(201);

    // The comment is on the public page, with the observer's name and not their email.
    const page = await (await fetch(`${server.baseUrl}/public/meetings/${MEETING}`)).text();
    expect(page).toContain('The Policy Network should report to the NRIs too.');
    expect(page).not.toContain(email);

    // The secretariat sees the registration, confirmed, in the list and the CSV.
    const list = await call<{ email: string; confirmed: boolean }[]>(
      secretariat,
      'GET',
      `/api/meetings/${MEETING}/registrations`,
    );
    expect(list.status).toBe(200);
    expect(list.body.find((row) => row.email === email)?.confirmed).toBe(true);
    const csv = await call<string>(secretariat, 'GET', `/api/meetings/${MEETING}/registrations.csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toContain('"Amara Okafor","amara@example.net","civil-society","Nigeria","Digital Rights Lagos"');
    // Nobody else does.
    expect((await call(observer, 'GET', `/api/meetings/${MEETING}/registrations`)).status).toBe(403);
    expect((await call(null, 'GET', `/api/meetings/${MEETING}/registrations`)).status).toBe(401);
  });

  it('refuses the same email twice, the honeypot, a form sent too fast, and a mag meeting', async () => {
    const again = await call(null, 'POST', `/api/meetings/${MEETING}/registrations`, person('AMARA@example.net'));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_REGISTERED');
    const bot = await call(null, 'POST', `/api/meetings/${MEETING}/registrations`, {
      ...person('bot@example.net'),
      website: 'http://spam.example',
    });
    expect(bot.status).toBe(400);
    expect(bot.body.error.code).toBe('REGISTRATION_REFUSED');
    const fresh = await call<{ formToken: string }>(null, 'GET', `/api/meetings/${MEETING}/registrations/form`);
    const fast = await call(null, 'POST', `/api/meetings/${MEETING}/registrations`, {
      ...person('fast@example.net'),
      formToken: fresh.body.formToken,
    });
    expect(fast.status).toBe(400);
    expect(fast.body.error.details).toEqual({ field: 'formToken' });
    const forged = await call(null, 'POST', `/api/meetings/${MEETING}/registrations`, {
      ...person('forged@example.net'),
      formToken: '1.AAAA',
    });
    expect(forged.status).toBe(400);
    expect((await call(null, 'POST', `/api/meetings/${SEED_MEETING.id}/registrations`, person('mag@example.net'))).status).toBe(
      404,
    );
    expect((await call(null, 'GET', `/api/meetings/${SEED_MEETING.id}/registrations/form`)).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/public/meetings/${SEED_MEETING.id}/register`)).status).toBe(404);
  });

  it('is refused with 409 while the secretariat has closed it', async () => {
    const setting = () => call<{ open: boolean }>(secretariat, 'GET', `/api/meetings/${MEETING}/registration`);
    expect((await setting()).body).toEqual({ open: true });
    expect((await call(secretariat, 'PATCH', `/api/meetings/${MEETING}/registration`, { open: false })).status).toBe(200);
    expect((await setting()).body).toEqual({ open: false });
    // Only the secretariat and the chair see it; a mag meeting has no registration.
    const kwame = await login(server.baseUrl, 'kwame@example.org');
    expect((await call(kwame, 'GET', `/api/meetings/${MEETING}/registration`)).status).toBe(403);
    expect((await call(null, 'GET', `/api/meetings/${MEETING}/registration`)).status).toBe(401);
    expect((await call(secretariat, 'GET', `/api/meetings/${SEED_MEETING.id}/registration`)).status).toBe(404);
    const closed = await call(null, 'POST', `/api/meetings/${MEETING}/registrations`, person('late@example.net'));
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('REGISTRATION_CLOSED');
    expect(await (await fetch(`${server.baseUrl}/public/meetings/${MEETING}/register`)).text()).toContain(
      'Registration for this meeting is closed.',
    );
    expect((await call(secretariat, 'PATCH', `/api/meetings/${MEETING}/registration`, { open: true })).status).toBe(200);
  });

  it('limits 30 sign-ups a minute from one address', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 30; index++) {
      statuses.push(
        (await call(null, 'POST', `/api/meetings/${MEETING}/registrations`, person(`burst${index}@burst${index}.example`)))
          .status,
      );
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status === 202).length).toBeLessThanOrEqual(10);
  });
});
