/**
 * Authorship grants writing only to roles that may write: a co-author whose role becomes observer
 * loses write on the proposal at once, over HTTP and on the open socket.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { proposalDoc } from '../../shared/documentNames.ts';
import type { ProposalDto } from '../../shared/schemas/proposals.ts';
import { login, sleep, synced, waitFor } from '../helpers/clients.ts';
import { appendParagraph, plainText } from '../helpers/richText.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const { server, peer, call } = serverSuite();

describe('a co-author made observer', () => {
  it('can no longer change the proposal, and their open socket becomes read-only', async () => {
    const secretariat = await login(server.baseUrl, 'secretariat@example.org');
    const submitter = await login(server.baseUrl, 'kwame@example.org');
    const coAuthor = await login(server.baseUrl, 'mei@example.org');
    const created = await call<ProposalDto>(submitter, 'POST', `/api/meetings/${DEMO_MEETING.id}/proposals`, {
      kind: 'PN',
      title: 'Policy Network on Data Flows',
      summary: 'Flows.',
      coAuthorIds: [coAuthor.user.id],
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await call(coAuthor, 'PATCH', `/api/proposals/${id}`, { title: 'Data Flows, revised' })).status).toBe(200);
    const body = peer(coAuthor, proposalDoc(id));
    await synced(body);
    expect(body.scope).toBe('read-write');

    const demoted = await call(secretariat, 'PATCH', `/api/users/${coAuthor.user.id}`, { role: 'observer' });
    expect(demoted.status).toBe(200);

    // HTTP: the same session, now an observer's, may not edit.
    const refused = await call(coAuthor, 'PATCH', `/api/proposals/${id}`, { title: 'Changed by an observer' });
    expect(refused.status).toBe(403);
    expect((await call<ProposalDto>(submitter, 'GET', `/api/proposals/${id}`)).body.title).toBe('Data Flows, revised');

    // WebSocket: the sweep closes the socket; it reconnects read-only and its edits go nowhere.
    await waitFor(() => body.scope === 'readonly' && body.provider.isSynced, {
      message: 'read-only reconnection',
      timeout: 8_000,
    });
    appendParagraph(body.doc, 'Written by an observer');
    const reader = peer(submitter, proposalDoc(id));
    await synced(reader);
    await sleep(300);
    expect(plainText(reader.doc)).not.toContain('Written by an observer');
    // And a fresh connection is read-only from the start.
    const fresh = peer(coAuthor, proposalDoc(id));
    await synced(fresh);
    expect(fresh.scope).toBe('readonly');
  });
});
