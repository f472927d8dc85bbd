/**
 * Proposals over HTTP and the WebSocket: the demo board, submitting, statuses with their history,
 * permissions per role on every route, co-authors who write the body, and the live projection.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { liveDoc, proposalDoc } from '../../shared/documentNames.ts';
import type { ProposalDto } from '../../shared/schemas/proposals.ts';
import { acknowledged, login, type Session, sleep, synced, waitFor } from '../helpers/clients.ts';
import { appendParagraph, plainText } from '../helpers/richText.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const MEETING = DEMO_MEETING.id;
const GDC = 'pn-gdc-implementation';

const { server, peer, call } = serverSuite();
const as: Record<string, Session> = {};

beforeAll(async () => {
  const logins = {
    secretariat: 'secretariat@example.org',
    chair: 'chair@example.org',
    kwame: 'kwame@example.org', // submitter of the GDC Policy Network
    mei: 'mei@example.org', // its co-author
    laura: 'laura@example.org', // a member who is not its author
    ana: 'ana@example.org',
    tomas: 'tomas@example.org', // an observer
  };
  for (const [key, email] of Object.entries(logins)) as[key] = await login(server.baseUrl, email);
});

describe('the proposals board', () => {
  it('lists the demo proposals with kind, status, submitter’s group, authors and comment count', async () => {
    const result = await call<ProposalDto[]>(as.tomas!, 'GET', `/api/meetings/${MEETING}/proposals`);
    expect(result.status).toBe(200);
    const gdc = result.body.find((proposal) => proposal.id === GDC)!;
    expect(gdc).toMatchObject({
      kind: 'PN',
      title: 'Policy Network on the Implementation of the Global Digital Compact',
      status: 'under discussion',
      doc: proposalDoc(GDC),
      publicComment: true,
      submitter: { name: 'Kwame Asante', group: 'civil-society' },
    });
    expect(gdc.authors.map((author) => author.name)).toEqual(expect.arrayContaining(['Kwame Asante', 'Mei Lin', 'Rahul Verma']));
    // Five in the proposals' demo, three in the multilingual thread of the search demo.
    expect(gdc.commentCount).toBe(8);
    expect(gdc.statusHistory.map((entry) => entry.status)).toEqual(['submitted', 'under discussion']);
    expect(gdc.statusHistory[1]!.by.name).toBe('Amina Haddad');
    expect(new Set(result.body.map((proposal) => proposal.kind))).toEqual(new Set(['PN', 'BPF', 'other']));
    expect(result.body.map((proposal) => proposal.status)).toEqual(expect.arrayContaining(['on hold', 'selected', 'submitted']));
  });

  it('filters by kind, status, submitter’s group and words', async () => {
    const ids = async (query: string) =>
      (await call<ProposalDto[]>(as.kwame!, 'GET', `/api/meetings/${MEETING}/proposals?${query}`)).body.map((p) => p.id).sort();
    expect(await ids('kind=BPF')).toEqual(['bpf-cybersecurity']);
    expect(await ids('status=on%20hold')).toEqual(['bpf-cybersecurity']);
    expect(await ids('group=civil-society')).toEqual([GDC, 'other-youth-toolkit'].sort());
    expect(await ids('q=digital%20compact')).toEqual([GDC]);
    expect(await ids('kind=PN&status=selected')).toEqual(['pn-artificial-intelligence']);
    expect((await call(as.kwame!, 'GET', `/api/meetings/${MEETING}/proposals?kind=XYZ`)).status).toBe(400);
    expect((await call(as.kwame!, 'GET', `/api/meetings/no-such-meeting/proposals`)).status).toBe(404);
    expect((await call(null, 'GET', `/api/meetings/${MEETING}/proposals`)).status).toBe(401);
  });
});

describe('submitting a proposal', () => {
  it('lets secretariat, chair and members submit, and refuses observers and strangers', async () => {
    const body = { kind: 'BPF', title: 'Best Practice Forum on Gender and Digital Rights', summary: 'Gender and access.' };
    for (const who of ['secretariat', 'chair', 'laura']) {
      const result = await call<ProposalDto>(as[who]!, 'POST', `/api/meetings/${MEETING}/proposals`, body);
      expect(result.status, who).toBe(201);
      expect(result.body).toMatchObject({ ...body, status: 'submitted', submitter: { id: as[who]!.user.id }, commentCount: 0 });
      expect(result.body.doc).toBe(proposalDoc(result.body.id));
      expect(result.body.statusHistory).toEqual([
        { status: 'submitted', by: expect.objectContaining({ id: as[who]!.user.id }), at: expect.any(Number) },
      ]);
    }
    expect((await call(as.tomas!, 'POST', `/api/meetings/${MEETING}/proposals`, body)).status).toBe(403);
    expect((await call(null, 'POST', `/api/meetings/${MEETING}/proposals`, body)).status).toBe(401);
    expect((await call(as.laura!, 'POST', `/api/meetings/nowhere/proposals`, body)).status).toBe(404);
  });

  it('refuses bad input with a clear 400 and stores nothing', async () => {
    const before = (await call<ProposalDto[]>(as.laura!, 'GET', `/api/meetings/${MEETING}/proposals`)).body.length;
    // Each refusal names the field it is about (a form says it beside that field).
    const bad: [Record<string, unknown>, string][] = [
      [{ kind: 'WG', title: 'x', summary: '' }, 'kind'],
      [{ kind: 'PN', title: '', summary: '' }, 'title'],
      [{ kind: 'PN', title: '   ', summary: '' }, 'title'],
      // Blank or invisible characters only: no visible title to list, same refusal as an empty one.
      [{ kind: 'PN', title: '\u200b\u00a0\u3000', summary: '' }, 'title'],
      [{ kind: 'PN', title: '\t\u1680\u2000\u200a\ufeff\u200c\u200d\u2060', summary: '' }, 'title'],
      [{ kind: 'PN', title: 'x'.repeat(201), summary: '' }, 'title'],
      [{ kind: 'PN', title: 'Null \u0000 byte', summary: '' }, 'title'],
      [{ kind: 'PN', title: 'Ok', summary: '', coAuthorIds: ['no-such-user'] }, 'coAuthorIds'],
      [{ kind: 'PN', title: 'Ok', summary: '', coAuthorIds: [as.tomas!.user.id] }, 'coAuthorIds'],
      [{ title: 'Ok', summary: '' }, 'kind'],
    ];
    for (const [body, field] of bad) {
      const result = await call(as.laura!, 'POST', `/api/meetings/${MEETING}/proposals`, body);
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect(result.body.error, JSON.stringify(body)).toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.any(String),
        details: { field },
      });
    }
    expect((await call<ProposalDto[]>(as.laura!, 'GET', `/api/meetings/${MEETING}/proposals`)).body.length).toBe(before);
  });
});

describe('changing a proposal', () => {
  let id: string;
  beforeAll(async () => {
    const created = await call<ProposalDto>(as.kwame!, 'POST', `/api/meetings/${MEETING}/proposals`, {
      kind: 'PN',
      title: 'Policy Network on Meaningful Access',
      summary: 'Access.',
      coAuthorIds: [as.mei!.user.id],
    });
    expect(created.status).toBe(201);
    id = created.body.id;
  });

  it('lets only the secretariat or the chair change the status, recording who and when', async () => {
    for (const who of ['kwame', 'mei', 'laura', 'tomas']) {
      const result = await call(as[who]!, 'PATCH', `/api/proposals/${id}`, { status: 'selected' });
      expect(result.status, who).toBe(403);
    }
    expect((await call(null, 'PATCH', `/api/proposals/${id}`, { status: 'selected' })).status).toBe(401);
    const started = Date.now();
    const byChair = await call<ProposalDto>(as.chair!, 'PATCH', `/api/proposals/${id}`, { status: 'under discussion' });
    expect(byChair.status).toBe(200);
    const bySecretariat = await call<ProposalDto>(as.secretariat!, 'PATCH', `/api/proposals/${id}`, { status: 'on hold' });
    expect(bySecretariat.body.status).toBe('on hold');
    const history = (await call<ProposalDto>(as.tomas!, 'GET', `/api/proposals/${id}`)).body.statusHistory;
    expect(history.map((entry) => [entry.status, entry.by.name])).toEqual([
      ['submitted', 'Kwame Asante'],
      ['under discussion', 'Carlos Mendes'],
      ['on hold', 'Amina Haddad'],
    ]);
    expect(history[2]!.at).toBeGreaterThanOrEqual(started);
    expect((await call(as.chair!, 'PATCH', `/api/proposals/${id}`, { status: 'archived' })).status).toBe(400);
    const audit = await server.app.store.audit.list({ subject: `proposal:${id}`, action: 'proposal.status' });
    expect(audit.map((entry) => [entry.actorId, entry.detail.status])).toEqual([
      [as.chair!.user.id, 'under discussion'],
      [as.secretariat!.user.id, 'on hold'],
    ]);
  });

  it('lets its authors and the moderators edit it, and nobody else', async () => {
    for (const who of ['kwame', 'mei', 'chair', 'secretariat']) {
      const result = await call<ProposalDto>(as[who]!, 'PATCH', `/api/proposals/${id}`, { summary: `Edited by ${who}` });
      expect(result.status, who).toBe(200);
      expect(result.body.summary).toBe(`Edited by ${who}`);
    }
    for (const who of ['laura', 'tomas']) {
      expect((await call(as[who]!, 'PATCH', `/api/proposals/${id}`, { title: 'Hijacked' })).status, who).toBe(403);
    }
    expect((await call(as.kwame!, 'PATCH', `/api/proposals/${id}`, {})).status).toBe(400);
    const blank = await call(as.kwame!, 'PATCH', `/api/proposals/${id}`, { title: '\u200b\u00a0\u3000' });
    expect(blank).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST', details: { field: 'title' } } } });
    expect((await call(as.kwame!, 'PATCH', `/api/proposals/no-such-proposal`, { title: 'x' })).status).toBe(404);
    expect((await call<ProposalDto>(as.tomas!, 'GET', `/api/proposals/${id}`)).body.title).toBe(
      'Policy Network on Meaningful Access',
    );
  });

  it('lets its co-authors write its body, and everyone else signed in only read it', async () => {
    const doc = proposalDoc(id);
    const writer = peer(as.mei!, doc);
    const reader = peer(as.laura!, doc);
    const observer = peer(as.tomas!, doc);
    await Promise.all([synced(writer), synced(reader), synced(observer)]);
    expect(writer.scope).toBe('read-write');
    expect(reader.scope).toBe('readonly');
    expect(observer.scope).toBe('readonly');
    appendParagraph(writer.doc, 'Written by a co-author');
    appendParagraph(reader.doc, 'Written by a stranger');
    await acknowledged(writer);
    await waitFor(() => plainText(observer.doc).includes('Written by a co-author'), { message: 'the body to reach readers' });
    await sleep(300);
    const late = peer(as.kwame!, doc);
    await synced(late);
    expect(plainText(late.doc)).toContain('Written by a co-author');
    expect(plainText(late.doc)).not.toContain('Written by a stranger');
    const refused = peer(as.kwame!, proposalDoc('no-such-proposal'));
    await waitFor(() => refused.denied.length > 0, { message: 'an unknown proposal to be refused' });
  });

  it('lets the submitter or a moderator choose co-authors, who then write', async () => {
    const removed = peer(as.mei!, proposalDoc(id));
    await synced(removed);
    expect(removed.scope).toBe('read-write');
    expect((await call(as.mei!, 'PATCH', `/api/proposals/${id}`, { coAuthorIds: [as.laura!.user.id] })).status).toBe(403);
    expect((await call(as.laura!, 'PATCH', `/api/proposals/${id}`, { coAuthorIds: [as.laura!.user.id] })).status).toBe(403);
    const result = await call<ProposalDto>(as.kwame!, 'PATCH', `/api/proposals/${id}`, { coAuthorIds: [as.laura!.user.id] });
    expect(result.status).toBe(200);
    expect(result.body.authors.map((author) => author.name).sort()).toEqual(['Kwame Asante', 'Laura Fischer']);
    const laura = peer(as.laura!, proposalDoc(id));
    const mei = peer(as.mei!, proposalDoc(id));
    await Promise.all([synced(laura), synced(mei)]);
    expect(laura.scope).toBe('read-write');
    expect(mei.scope).toBe('readonly');
    // Mei's connection from before lost its write at once: it reconnected read-only.
    await waitFor(() => removed.scope === 'readonly' && removed.provider.isSynced, {
      message: 'the removed co-author to be read-only',
    });
    appendParagraph(removed.doc, 'Written after removal');
    await sleep(400);
    const check = peer(as.kwame!, proposalDoc(id));
    await synced(check);
    expect(plainText(check.doc)).not.toContain('Written after removal');
  });

  it('projects proposals into the live document, so status changes appear without a reload', async () => {
    const live = peer(as.tomas!, liveDoc(MEETING));
    await synced(live);
    const proposals = live.doc.getMap<ProposalDto>('proposals');
    expect(proposals.get(GDC)?.title).toBe('Policy Network on the Implementation of the Global Digital Compact');
    await call(as.chair!, 'PATCH', `/api/proposals/${id}`, { status: 'merged' });
    await waitFor(() => proposals.get(id)?.status === 'merged', { message: 'the new status in the live document' });
    expect(proposals.get(id)!.statusHistory.at(-1)!.by.name).toBe('Carlos Mendes');
  });
});

describe('member search', () => {
  it('finds people by the start of any word of their name, without diacritics, for signed-in users only', async () => {
    const result = await call<{ id: string; name: string }[]>(as.kwame!, 'GET', '/api/members?q=sofia');
    expect(result.status).toBe(200);
    expect(result.body.map((member) => member.name)).toEqual(['Sofía Ramírez']);
    expect(result.body[0]).not.toHaveProperty('email');
    expect((await call<{ name: string }[]>(as.kwame!, 'GET', '/api/members?q=lin')).body.map((m) => m.name)).toContain('Mei Lin');
    expect((await call(null, 'GET', '/api/members?q=a')).status).toBe(401);
  });

  it('lists first the people whose name starts with what was typed, so that Enter after “@Me” mentions Mei, not Carlos Mendes', async () => {
    const names = (await call<{ name: string }[]>(as.kwame!, 'GET', '/api/members?q=me')).body.map((member) => member.name);
    expect(names).toEqual(expect.arrayContaining(['Mei Lin', 'Carlos Mendes']));
    expect(names[0]).toBe('Mei Lin');
    const firstNames = (await call<{ name: string }[]>(as.kwame!, 'GET', '/api/members?q=')).body.map((member) => member.name);
    expect(firstNames.length).toBeGreaterThan(1);
  });
});
