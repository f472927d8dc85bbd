/**
 * A person whose only access is a registration for a public meeting reads the public meetings and
 * nothing of a MAG one: its API, board page, pack, collaborative documents, polls, working groups,
 * timeline and search results answer as if it did not exist (404, nothing found). Once the
 * secretariat lifts the limit or gives them another role they read like anyone of their role; the
 * demo's observer always did. The
 * chair's "add a person in the room" list holds only people who may take part in the meeting:
 * never an unconfirmed registrant, nor a registrant in a MAG meeting; the secretariat checks in only
 * those people too. SQLite and PostgreSQL.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING, SEED_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc, liveDoc } from '../../shared/documentNames.ts';
import { login, type Session, sleep, waitFor } from '../helpers/clients.ts';
import { createPoll, openPoll } from '../helpers/pollClients.ts';
import { BACKENDS, serverSuite } from '../helpers/serverSuite.ts';
import { tempDir } from '../helpers/testServer.ts';

const PUBLIC = DEMO_MEETING.id;
const MAG = SEED_MEETING.id;
const PASSWORD = 'a long enough password 1';

/** A stand-in for the built client: the board's pages are these files, whatever the route. */
const clientRoot = tempDir('client');
await fs.writeFile(path.join(clientRoot, 'index.html'), '<!doctype html><title>Plenary</title>');
await fs.writeFile(path.join(clientRoot, 'meeting.html'), '<!doctype html><title>Plenary meeting</title>');

describe.each(BACKENDS)('public registrants on %s', (backend) => {
  const { server, call, peer } = serverSuite({ backend, database: 'registrantscope', clientRoot });
  let secretariat: Session;
  let chair: Session;
  let formToken: string;

  /** Registers `email` for the public meeting (202), as the form does. */
  async function register(email: string, name: string): Promise<void> {
    const body = { name, email, group: 'civil-society', country: 'Kenya', affiliation: '', formToken };
    const registered = await call(null, 'POST', `/api/meetings/${PUBLIC}/registrations`, body);
    expect(registered.status, JSON.stringify(registered.body)).toBe(202);
  }

  /** Follows the emailed link, sets a password and signs in. */
  async function confirm(email: string): Promise<Session> {
    const folder = path.join(server.dataDir, 'mail');
    const mail = await waitFor(
      async () => {
        for (const name of await fs.readdir(folder).catch(() => [] as string[])) {
          const text = (await fs.readFile(path.join(folder, name), 'utf8')).replace(/=\r?\n/g, '');
          if (text.includes(`To: ${email}`)) return text;
        }
        return undefined;
      },
      { message: `the confirmation email to ${email}` },
    );
    const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(mail ?? '')?.[1];
    expect((await call(null, 'POST', `/api/invitations/${token}/accept`, { password: PASSWORD })).status).toBe(200);
    return login(server.baseUrl, email, PASSWORD);
  }

  const page = (who: Session, meetingId: string) =>
    fetch(`${server.baseUrl}/meetings/${meetingId}`, { headers: { cookie: who.cookie } }).then((response) => response.status);

  /** The meetings `who`'s search for a word of both meetings' agendas finds results in. */
  async function searchedMeetings(who: Session): Promise<string[]> {
    const found = await call<{ results: { meetingId: string }[] }>(who, 'GET', '/api/search?q=IGF');
    expect(found.status).toBe(200);
    return [...new Set(found.body.results.map((result) => result.meetingId))].sort();
  }

  /** Whether `who` is let into the document: synced, or refused by its authentication. */
  async function opens(who: Session, document: string): Promise<boolean> {
    const client = peer(who, document);
    return waitFor(() => (client.provider.isSynced ? 'yes' : client.denied.length > 0 ? 'no' : undefined), {
      message: `${document} synced or refused`,
    }).then((answer) => answer === 'yes');
  }

  beforeAll(async () => {
    secretariat = await login(server.baseUrl, 'secretariat@example.org');
    chair = await login(server.baseUrl, 'chair@example.org');
    const form = await call<{ formToken: string; minSeconds: number }>(null, 'GET', `/api/meetings/${PUBLIC}/registrations/form`);
    formToken = form.body.formToken;
    await sleep(form.body.minSeconds * 1000 + 200);
  });

  it('a confirmed registrant reads the public meeting and nothing of the MAG meeting, until the secretariat lifts the limit', async () => {
    await register('wanjiru@example.net', 'Wanjiru Kamau');
    const registrant = await confirm('wanjiru@example.net');
    expect(registrant.user.role).toBe('observer');

    // The public meeting, as any observer reads it.
    expect((await call(registrant, 'GET', `/api/meetings/${PUBLIC}`)).status).toBe(200);
    expect(await page(registrant, PUBLIC)).toBe(200);
    expect((await call(registrant, 'GET', `/api/meetings/${PUBLIC}/pack.md`)).status).toBe(200);
    expect(await opens(registrant, agendaDoc(PUBLIC))).toBe(true);

    // The MAG meeting, as if it did not exist (soft: a failing run names every path that showed it).
    const list = await call<{ id: string }[]>(registrant, 'GET', '/api/meetings');
    expect.soft(list.body.map((meeting) => meeting.id)).toContain(PUBLIC);
    expect.soft(list.body.map((meeting) => meeting.id)).not.toContain(MAG);
    for (const read of ['', '/pack.md', '/pack.html', '/pack.docx', '/polls', '/working-groups', '/proposals']) {
      const answer = await call(registrant, 'GET', `/api/meetings/${MAG}${read}`);
      expect.soft(answer.status, `GET /api/meetings/${MAG}${read}`).toBe(404);
    }
    // A poll of the MAG meeting open to everyone, named by its own id: neither read nor voted on.
    const poll = await createPoll(server.baseUrl, chair, MAG, {
      question: 'Hold the next meeting online?',
      kind: 'single',
      audience: 'everyone',
      options: [{ label: 'Yes' }, { label: 'No' }],
    });
    await openPoll(server.baseUrl, chair, poll.id);
    expect.soft((await call(registrant, 'GET', `/api/polls/${poll.id}`)).status).toBe(404);
    const ballot = { choices: [poll.options[0]!.id] };
    expect.soft((await call(registrant, 'POST', `/api/polls/${poll.id}/ballot`, ballot)).status).toBe(404);
    // Its opening is news to the board's observer, not to the registrant.
    const observer = await login(server.baseUrl, 'kwame@example.org');
    const news = async (who: Session) =>
      (await call<{ items: { link: string }[] }>(who, 'GET', '/api/notifications')).body.items.filter((item) =>
        item.link.includes(poll.id),
      );
    await waitFor(async () => (await news(observer)).length > 0, { message: 'the observer told of the poll' });
    expect.soft(await news(registrant)).toEqual([]);
    expect.soft(await page(registrant, MAG)).toBe(404);
    expect.soft(await opens(registrant, agendaDoc(MAG))).toBe(false);
    expect.soft(await opens(registrant, liveDoc(MAG))).toBe(false);
    expect.soft(await searchedMeetings(secretariat)).toContain(MAG);
    expect.soft(await searchedMeetings(registrant)).toEqual([PUBLIC]);
    const timeline = await call<{ items: { meetingId: string }[] }>(registrant, 'GET', '/api/timeline');
    expect.soft(timeline.body.items.some((item) => item.meetingId === MAG)).toBe(false);

    // The demo's observer, made by the secretariat, reads the MAG meeting as before.
    expect((await call(observer, 'GET', `/api/meetings/${MAG}`)).status).toBe(200);
    expect(await page(observer, MAG)).toBe(200);

    // The people page tells the secretariat who is limited so, and a role given ends it.
    const listed = async () =>
      (await call<{ id: string; publicOnly: boolean }[]>(secretariat, 'GET', '/api/users?q=wanjiru@example.net')).body[0];
    expect((await listed())?.publicOnly).toBe(true);

    // Saving their record as it is (the edit dialog sends the role) lifts nothing.
    expect((await call(secretariat, 'PATCH', `/api/users/${registrant.user.id}`, { role: 'observer' })).status).toBe(200);
    expect((await listed())?.publicOnly).toBe(true);
    expect((await call(registrant, 'GET', `/api/meetings/${MAG}`)).status).toBe(404);

    // The secretariat lifts the limit (the edit dialog's box unticked): they read like any observer.
    const changed = await call(secretariat, 'PATCH', `/api/users/${registrant.user.id}`, { publicOnly: false });
    expect(changed.status).toBe(200);
    expect((await listed())?.publicOnly).toBe(false);
    expect((await call(registrant, 'GET', `/api/meetings/${MAG}`)).status).toBe(200);
    expect((await call(registrant, 'GET', `/api/meetings/${MAG}/pack.md`)).status).toBe(200);
    expect(await page(registrant, MAG)).toBe(200);
    expect(await opens(registrant, agendaDoc(MAG))).toBe(true);
    expect(await searchedMeetings(registrant)).toContain(MAG);
  });

  it('the chair’s list of people to add holds only people who may take part in the meeting', async () => {
    await register('pending@example.net', 'Pending Registrant');
    await register('confirmed@example.net', 'Confirmed Registrant');
    const confirmed = await confirm('confirmed@example.net');
    const people = async (meetingId: string) => {
      const answer = await call<{ id: string; name: string }[]>(chair, 'GET', `/api/meetings/${meetingId}/floor/people`);
      expect(answer.status).toBe(200);
      return answer.body.map((person) => person.name);
    };
    const pending = (await call<{ id: string; email: string }[]>(secretariat, 'GET', '/api/users?q=pending@example.net'))
      .body[0]!;

    expect(await people(PUBLIC)).not.toContain('Pending Registrant');
    expect(await people(PUBLIC)).toContain('Confirmed Registrant');
    expect(await people(PUBLIC)).toContain('Tomás Ortega');
    expect(await people(MAG)).not.toContain('Pending Registrant');
    expect(await people(MAG)).not.toContain('Confirmed Registrant');
    expect(await people(MAG)).toContain('Tomás Ortega');

    const unconfirmedHand = await call(chair, 'POST', `/api/meetings/${PUBLIC}/floor/hands`, { userId: pending.id });
    expect(unconfirmedHand.status).toBe(400);
    const registrantInMag = await call(chair, 'POST', `/api/meetings/${MAG}/floor/hands`, { userId: confirmed.user.id });
    expect(registrantInMag.status).toBe(400);

    // Given another role by the secretariat, the registrant takes part in the MAG meeting too.
    expect((await call(secretariat, 'PATCH', `/api/users/${confirmed.user.id}`, { role: 'member' })).status).toBe(200);
    expect(await people(MAG)).toContain('Confirmed Registrant');
    const addedInMag = await call(chair, 'POST', `/api/meetings/${MAG}/floor/hands`, { userId: confirmed.user.id });
    expect(addedInMag.status).toBe(201);
  });

  it('the secretariat checks in only people who may take part in the meeting, as the floor’s list offers them', async () => {
    await register('pending-attend@example.net', 'Pending Attendee');
    await register('confirmed-attend@example.net', 'Confirmed Attendee');
    const confirmed = await confirm('confirmed-attend@example.net');
    const byEmail = async (email: string) =>
      (await call<{ id: string }[]>(secretariat, 'GET', `/api/users?q=${encodeURIComponent(email)}`)).body[0]!;
    const pending = await byEmail('pending-attend@example.net');
    const member = await byEmail('kwame@example.org');
    const people = async (meetingId: string) =>
      (await call<{ id: string }[]>(secretariat, 'GET', `/api/meetings/${meetingId}/floor/people`)).body.map(
        (person) => person.id,
      );
    const checkIn = async (meetingId: string, userId: string) => {
      const { day } = (await call<{ quorum: { day: string } }>(secretariat, 'GET', `/api/meetings/${meetingId}/attendance`)).body
        .quorum;
      return call<{ error?: { code: string } }>(secretariat, 'POST', `/api/meetings/${meetingId}/attendance`, {
        day,
        mode: 'room',
        userId,
      });
    };
    const checkedIn = async (meetingId: string) =>
      (
        await call<{ attendees: { userId: string }[] }>(secretariat, 'GET', `/api/meetings/${meetingId}/attendance`)
      ).body.attendees.map((entry) => entry.userId);

    // Never confirmed their email: refused as the floor refuses them, and not on the list to check in.
    expect(await people(PUBLIC)).not.toContain(pending.id);
    const unconfirmed = await checkIn(PUBLIC, pending.id);
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.error?.code).toBe('BAD_REQUEST');
    const floorAnswer = await call<{ error?: { code: string } }>(chair, 'POST', `/api/meetings/${PUBLIC}/floor/hands`, {
      userId: pending.id,
    });
    expect([floorAnswer.status, floorAnswer.body.error?.code]).toEqual([unconfirmed.status, unconfirmed.body.error?.code]);
    expect(await checkedIn(PUBLIC)).not.toContain(pending.id);

    // A confirmed registrant reads the public meeting only: checked in there, refused in the MAG one.
    expect(await people(MAG)).not.toContain(confirmed.user.id);
    const registrantInMag = await checkIn(MAG, confirmed.user.id);
    expect(registrantInMag.status).toBe(400);
    expect(registrantInMag.body.error?.code).toBe('BAD_REQUEST');
    expect(await checkedIn(MAG)).not.toContain(confirmed.user.id);
    expect((await checkIn(PUBLIC, confirmed.user.id)).status).toBe(200);

    // A member is on the MAG meeting's list and is checked in.
    expect(await people(MAG)).toContain(member.id);
    expect((await checkIn(MAG, member.id)).status).toBe(200);
    expect(await checkedIn(MAG)).toContain(member.id);
  });
});
