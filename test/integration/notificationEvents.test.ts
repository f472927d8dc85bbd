/**
 * The events told without anyone being mentioned: a nomination for co-facilitator, an agenda
 * published (a named version), the agenda changed after it was circulated (once an hour), a call for proposals opened and closing within 3 days (found by
 * the outbox worker's periodic check and sent once). Each reaches the inbox, and by email through
 * a real SMTP server when the person chose email at once for that kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc, RICH_TEXT_FIELD } from '../../shared/documentNames.ts';
import { acknowledged, login, type Session, sleep, synced, waitFor } from '../helpers/clients.ts';
import { agendaItemElements, appendNote } from '../helpers/meetingRecord.ts';
import { createMeeting } from '../helpers/meetings.ts';
import { serverSuite } from '../helpers/serverSuite.ts';
import { type SmtpSink, startSmtpSink } from '../helpers/smtpSink.ts';

const MEETING = DEMO_MEETING.id;
const smtp: SmtpSink = await startSmtpSink();
const { server, call, peer } = serverSuite({
  env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, NOTIFY_TICK_MS: '100', NOTIFY_COALESCE_MS: '500' },
});

interface Inbox {
  unread: number;
  items: { id: string; kind: string; link: string; text: string }[];
}
const people: Record<string, Session> = {};
beforeAll(async () => {
  for (const name of ['secretariat', 'chair', 'kwame', 'mei', 'laura', 'tomas']) {
    people[name] = await login(server.baseUrl, `${name}@example.org`);
  }
});
afterAll(() => smtp.close());

const inbox = async (who: string) => (await call<Inbox>(people[who]!, 'GET', '/api/notifications?lang=en&limit=200')).body;
const ofKind = async (who: string, kind: string) => (await inbox(who)).items.filter((item) => item.kind === kind);
const emailAtOnce = async (who: string, kind: string) =>
  expect((await call(people[who]!, 'PUT', '/api/me/notification-settings', { email: { [kind]: 'immediate' } })).status).toBe(200);

describe('events told without a mention', () => {
  it('tells a member nominated for co-facilitator, at once by email by default; never the one who nominates', async () => {
    const groups = (await call<{ id: string; name: string }[]>(people.mei!, 'GET', `/api/meetings/${MEETING}/working-groups`))
      .body;
    const group = groups[0]!;
    for (const who of ['mei', 'kwame']) {
      expect((await call(people[who]!, 'PUT', `/api/working-groups/${group.id}/members/me`)).status).toBe(200);
    }
    const nominated = await call(people.kwame!, 'POST', `/api/working-groups/${group.id}/nominations`, {
      userId: people.mei!.user.id,
    });
    expect(nominated.status).toBeLessThan(300);
    const items = (await ofKind('mei', 'nomination')).filter((item) => item.link.endsWith(`group=${group.id}`));
    expect(items).toEqual([
      expect.objectContaining({
        link: `/meetings/${MEETING}?tab=groups&group=${group.id}`,
        text: `Kwame Asante nominated you for co-facilitator of the working group “${group.name}”`,
      }),
    ]);
    const mail = (await waitFor(() => smtp.to('mei@example.org').find((m) => m.text.includes(`group=${group.id}`)), {
      timeout: 15_000,
      message: 'nomination email',
    }))!;
    expect(mail.text).toContain(`${server.baseUrl}/meetings/${MEETING}?tab=groups&group=${group.id}`);
    expect(mail.text).toContain('Stop emails about your nominations:');
    // Self-nomination: nobody is told.
    await call(people.kwame!, 'POST', `/api/working-groups/${group.id}/nominations`, { userId: people.kwame!.user.id });
    expect((await ofKind('kwame', 'nomination')).filter((item) => item.link.endsWith(`group=${group.id}`))).toEqual([]);
  });

  it('tells everyone (observers too, not the one who saved it) that an agenda is published, by email for those who chose it', async () => {
    await emailAtOnce('tomas', 'agenda.published');
    const saved = await call<{ id: string }>(people.chair!, 'POST', `/api/meetings/${MEETING}/versions`, {
      name: 'As circulated',
    });
    expect(saved.status).toBe(201);
    const meeting = (await call<{ title: string }>(people.chair!, 'GET', `/api/meetings/${MEETING}`)).body.title;
    for (const who of ['mei', 'tomas', 'secretariat']) {
      expect(await ofKind(who, 'agenda.published')).toEqual([
        expect.objectContaining({
          link: `/meetings/${MEETING}`,
          text: `The agenda of “${meeting}” is published: “As circulated”`,
        }),
      ]);
    }
    expect(await ofKind('chair', 'agenda.published')).toEqual([]);
    const mail = (await waitFor(() => smtp.to('tomas@example.org').find((m) => m.subject.includes('As circulated')), {
      timeout: 15_000,
      message: 'agenda email',
    }))!;
    expect(mail.text).toContain('Stop emails about agendas published:');
    // Digest mode (the default): no email now.
    expect(smtp.to('mei@example.org').some((m) => m.subject.includes('As circulated'))).toBe(false);
  });

  it('tells everyone but the editor once an hour that the agenda changed after it was circulated, never before', async () => {
    await emailAtOnce('tomas', 'agenda.changed');
    // A meeting whose agenda was never circulated: editing it is drafting, nobody is told.
    const draftId = await createMeeting(server.baseUrl, {
      title: 'Drafting session',
      startsOn: '2025-03-10',
      endsOn: '2025-03-10',
    });
    const drafting = peer(people.secretariat!, agendaDoc(draftId));
    await synced(drafting);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('A first draft')]);
    drafting.doc.getXmlFragment(RICH_TEXT_FIELD).insert(0, [paragraph]);
    await acknowledged(drafting);
    drafting.destroy(); // the last client leaves: the document is stored now

    // The demo agenda was circulated ('As circulated' above, and the seed's first version).
    const meeting = (await call<{ title: string }>(people.chair!, 'GET', `/api/meetings/${MEETING}`)).body.title;
    const edit = async (text: string) => {
      const editor = peer(people.kwame!, agendaDoc(MEETING));
      await synced(editor);
      appendNote(agendaItemElements(editor.doc).get('oc1-welcome')!, text);
      await acknowledged(editor);
      editor.destroy();
    };
    await edit('A late change to the welcome');
    const told = await waitFor(async () => (await ofKind('mei', 'agenda.changed')).at(0), {
      timeout: 15_000,
      message: 'agenda changed',
    });
    expect(told).toMatchObject({
      link: `/meetings/${MEETING}`,
      text: `The agenda of “${meeting}” changed after it was circulated`,
    });
    const mail = (await waitFor(
      () => smtp.to('tomas@example.org').find((m) => m.subject.includes('changed after it was circulated')),
      {
        timeout: 15_000,
        message: 'agenda changed email',
      },
    ))!;
    expect(mail.text).toContain('Stop emails about agendas changed after they were circulated:');
    expect(await ofKind('kwame', 'agenda.changed')).toEqual([]);

    // A second edit within the hour: stored, but nobody is told again.
    await edit('And another one');
    await sleep(3000);
    for (const who of ['mei', 'tomas', 'secretariat']) expect(await ofKind(who, 'agenda.changed'), who).toHaveLength(1);
    expect(smtp.to('tomas@example.org').filter((m) => m.subject.includes('changed after it was circulated'))).toHaveLength(1);
    const notices = await server.app.store.db.all<{ meeting_id: string }>('SELECT meeting_id FROM agenda_change_notices', []);
    expect(notices.map((row) => row.meeting_id)).toEqual([MEETING]);
    const drafted = (await inbox('secretariat')).items.concat((await inbox('mei')).items);
    expect(drafted.filter((item) => item.link.includes(draftId))).toEqual([]);
  });

  it('tells participants once that a call for proposals opened and that it closes within 3 days', async () => {
    await emailAtOnce('laura', 'call.closing');
    const now = Date.now();
    const created = await call<{ id: string }>(people.secretariat!, 'POST', `/api/meetings/${MEETING}/calls`, {
      kind: 'PN',
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 2 * 24 * 3600_000).toISOString(),
    });
    expect(created.status).toBe(201);
    const opened = (await waitFor(async () => (await ofKind('laura', 'call.opened')).at(0), {
      timeout: 15_000,
      message: 'call opened',
    }))!;
    expect(opened.link).toBe(`/meetings/${MEETING}?tab=proposals`);
    expect(opened.text).toMatch(/^A call for proposals is open \(Policy Network\) for “.+” until .+ UTC$/);
    await waitFor(async () => (await ofKind('laura', 'call.closing')).length === 1, { timeout: 15_000, message: 'closing' });
    const mail = (await waitFor(() => smtp.to('laura@example.org').find((m) => m.subject.includes('closes on')), {
      timeout: 15_000,
      message: 'closing email',
    }))!;
    expect(mail.subject).toContain('Policy Network');
    // Observers do not answer calls.
    expect(await ofKind('tomas', 'call.opened')).toEqual([]);
    // Later checks send nothing again.
    await sleep(2500);
    expect(await ofKind('laura', 'call.opened')).toHaveLength(1);
    expect(await ofKind('laura', 'call.closing')).toHaveLength(1);
    expect(smtp.to('laura@example.org').filter((m) => m.subject.includes('closes on'))).toHaveLength(1);
    const notices = await server.app.store.db.all<{ kind: string }>('SELECT kind FROM call_notices WHERE call_id = ?', [
      created.body.id,
    ]);
    expect(notices.map((row) => row.kind).sort()).toEqual(['call.closing', 'call.opened']);

    // Moved to close later: the closing notice is due again for the new date, not before.
    await call(people.secretariat!, 'PATCH', `/api/calls/${created.body.id}`, {
      closesAt: new Date(now + 10 * 24 * 3600_000).toISOString(),
    });
    await sleep(2500);
    expect(await ofKind('laura', 'call.closing')).toHaveLength(1);
  });
});
