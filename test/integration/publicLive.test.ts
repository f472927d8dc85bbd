/**
 * Live updating of the public meeting page: the fingerprint route changes when what the page shows
 * changes (a closed poll, a proposal's status, an agenda edit, a public comment, an action), not when nothing public
 * did (a poll opened, a comment on a proposal not open to the public); it
 * answers 404 for a `mag` meeting like the page, and is rate-limited per address. The page carries
 * exactly one script, same-origin and deferred, with the fingerprint it was rendered with.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CommentStore } from '../../server/src/comments/commentStore.ts';
import { DEMO_MEETING, SEED_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc, proposalDoc } from '../../shared/documentNames.ts';
import { acknowledged, login, type Session, synced, waitFor } from '../helpers/clients.ts';
import { appendParagraph } from '../helpers/richText.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

// Each reading fresh (concurrent ones still share) and the limit low: these tests check, right after each
// change, what the fingerprint covers, and that the route has a limit at all. The venue's settings, a reading
// shared for a second and a hall's worth of polls, are publicLiveVenue.test.ts's.
const { server, call, peer } = serverSuite({ env: { PUBLIC_LIVE_CACHE_MS: '0', PUBLIC_LIVE_PER_MINUTE: '36' } });
const PUBLIC = DEMO_MEETING.id;
const MAG = SEED_MEETING.id;
const LIVE = (meetingId: string) => `/public/meetings/${meetingId}/live`;
let secretariat: Session;

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.baseUrl}${path}`, { headers });
async function fingerprint(): Promise<string> {
  const response = await get(LIVE(PUBLIC));
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const body = (await response.json()) as { fingerprint: string };
  expect(body.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  return body.fingerprint;
}

beforeAll(async () => {
  secretariat = await login(server.baseUrl, 'secretariat@example.org');
});

describe('the public meeting page’s live updating', () => {
  it('carries one same-origin deferred script, no inline script, with the fingerprint the route gives', async () => {
    const response = await get(`/public/meetings/${PUBLIC}`);
    const body = await response.text();
    const scripts = body.match(/<script\b[^>]*>[^<]*<\/script>/g) ?? [];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/^<script defer src="\/public\/live\.js" [^>]*><\/script>$/);
    expect(scripts[0]).toContain(`data-live="${LIVE(PUBLIC)}"`);
    expect(scripts[0]).toContain(`data-fingerprint="${await fingerprint()}"`);
    expect(body).toContain('aria-live="polite"');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");

    const script = await get('/public/live.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('visibilitychange');
  });

  it('keeps its fingerprint while nothing public changes, and changes it on a decision', async () => {
    const before = await fingerprint();
    expect(await fingerprint()).toBe(before);

    const poll = await call<{ id: string }>(secretariat, 'POST', `/api/meetings/${PUBLIC}/polls`, {
      question: 'Hold the second open consultation online?',
      kind: 'single',
      audience: 'everyone',
      options: [{ label: 'Yes' }, { label: 'No' }],
    });
    expect(poll.status).toBe(201);
    expect((await call(secretariat, 'POST', `/api/polls/${poll.body.id}/open`)).status).toBe(200);
    // An open poll is not on the public page, so readers' pages need no reload.
    expect(await fingerprint()).toBe(before);
    expect((await call(secretariat, 'POST', `/api/polls/${poll.body.id}/close`)).status).toBe(200);
    const afterPoll = await fingerprint();
    expect(afterPoll).not.toBe(before);

    const proposals = (await call<{ id: string; status: string }[]>(secretariat, 'GET', `/api/meetings/${PUBLIC}/proposals`))
      .body;
    const proposal = proposals.find((entry) => entry.status !== 'selected')!;
    expect((await call(secretariat, 'PATCH', `/api/proposals/${proposal.id}`, { status: 'selected' })).status).toBe(200);
    expect(await fingerprint()).not.toBe(afterPoll);
  });

  it('changes on an agenda edit and on a public comment, not on a comment the public cannot read', async () => {
    const before = await fingerprint();
    const editor = peer(secretariat, agendaDoc(PUBLIC));
    await synced(editor);
    appendParagraph(editor.doc, 'Added for the public page');
    await acknowledged(editor);
    const afterEdit = await fingerprint();
    expect(afterEdit).not.toBe(before);

    const proposals = (
      await call<{ id: string; publicComment: boolean }[]>(secretariat, 'GET', `/api/meetings/${PUBLIC}/proposals`)
    ).body;
    const closed = proposals.find((proposal) => !proposal.publicComment)!;
    const privately = await call(secretariat, 'POST', '/api/threads', { doc: proposalDoc(closed.id), body: 'Among members.' });
    expect(privately.status).toBe(201);
    expect(await fingerprint()).toBe(afterEdit);

    const open = proposals.find((proposal) => proposal.publicComment)!;
    const publicly = await call(secretariat, 'POST', '/api/threads', { doc: proposalDoc(open.id), body: 'For everyone.' });
    expect(publicly.status).toBe(201);
    expect(await fingerprint()).not.toBe(afterEdit);
  });

  it('changes when a shown comment is edited, not when a hidden one’s text changes', async () => {
    const kwame = await login(server.baseUrl, 'kwame@example.org');
    const open = (
      await call<{ id: string; publicComment: boolean }[]>(secretariat, 'GET', `/api/meetings/${PUBLIC}/proposals`)
    ).body.find((proposal) => proposal.publicComment)!;
    const thread = await call<{ comments: { id: string }[] }>(kwame, 'POST', '/api/threads', {
      doc: proposalDoc(open.id),
      body: 'A first reading of the scope.',
    });
    expect(thread.status).toBe(201);
    const commentId = thread.body.comments[0]!.id;
    const before = await fingerprint();
    // Shown: the page prints the new text, so open pages must reload.
    expect((await call(kwame, 'PATCH', `/api/comments/${commentId}`, { body: 'A second reading of the scope.' })).status).toBe(
      200,
    );
    expect(await fingerprint()).not.toBe(before);

    expect((await call(secretariat, 'DELETE', `/api/comments/${commentId}`, { reason: 'Off topic.' })).status).toBe(204);
    const hidden = await fingerprint();
    // An edit the service let through just before the hide, written after it: the store's UPDATE refuses it
    // (commentEditAfterHide.test.ts), and the page, which says "hidden by moderator", has nothing new to show.
    expect(await new CommentStore(server.app.store.db).editComment(commentId, 'Rewritten after the hide.')).toBe('hidden');
    expect(await fingerprint()).toBe(hidden);
  });

  it('changes when a person the page names is renamed, and the page then shows the new name', async () => {
    // A public comment by Kwame that mentions Rahul: the page names both, read from their accounts.
    const kwame = await login(server.baseUrl, 'kwame@example.org');
    const rahul = await login(server.baseUrl, 'rahul@example.org');
    const rahulId = (await server.app.store.users.byEmail('rahul@example.org'))!.id;
    const open = (
      await call<{ id: string; publicComment: boolean }[]>(secretariat, 'GET', `/api/meetings/${PUBLIC}/proposals`)
    ).body.find((proposal) => proposal.publicComment)!;
    const posted = await call(kwame, 'POST', '/api/threads', {
      doc: proposalDoc(open.id),
      body: `<@${rahulId}> could the public read the scope once more?`,
    });
    expect(posted.status).toBe(201);
    const page = async () => (await get(`/public/meetings/${PUBLIC}`)).text();
    expect(await page()).toContain('@Rahul Verma');
    const before = await fingerprint();

    try {
      expect((await call(rahul, 'PATCH', '/api/me', { name: 'Rahul K. Verma' })).status).toBe(200);
      const afterMention = await fingerprint();
      expect(afterMention).not.toBe(before);
      expect(await page()).toContain('@Rahul K. Verma');
      // The comment's author too: every comment says whose it is.
      expect((await call(kwame, 'PATCH', '/api/me', { name: 'Kwame A. Asante' })).status).toBe(200);
      expect(await fingerprint()).not.toBe(afterMention);
      expect(await page()).toContain('Kwame A. Asante');
    } finally {
      await call(rahul, 'PATCH', '/api/me', { name: 'Rahul Verma' });
      await call(kwame, 'PATCH', '/api/me', { name: 'Kwame Asante' });
    }
    // Back as it was, the page is as it was.
    expect(await fingerprint()).toBe(before);
  });

  it('changes when an action is added, marked done or dropped, as the page lists the actions', async () => {
    const page = async () => (await get(`/public/meetings/${PUBLIC}`)).text();
    const before = await fingerprint();
    const created = await call<{ id: string }>(secretariat, 'POST', `/api/meetings/${PUBLIC}/actions`, {
      text: 'The Secretariat to publish the consultation’s summary.',
      owner: { kind: 'role', role: 'secretariat', label: 'IGF Secretariat' },
    });
    expect(created.status).toBe(201);
    const added = await fingerprint();
    expect(added).not.toBe(before);
    expect(await page()).toContain('The Secretariat to publish the consultation’s summary.');

    expect((await call(secretariat, 'PATCH', `/api/actions/${created.body.id}`, { status: 'done' })).status).toBe(200);
    const done = await fingerprint();
    expect(done).not.toBe(added);
    expect(await page()).toContain('Owner: IGF Secretariat · done');

    // A dropped action leaves the page.
    expect((await call(secretariat, 'PATCH', `/api/actions/${created.body.id}`, { status: 'dropped' })).status).toBe(200);
    expect(await fingerprint()).not.toBe(done);
    expect(await page()).not.toContain('The Secretariat to publish the consultation’s summary.');
  });

  it('comes back to what it was when an action added is dropped, though the agenda was folded meanwhile', async () => {
    // The secretariat edits the agenda; two seconds later the server folds those updates into the agenda's
    // snapshot, which changes nothing the page shows, and would have reloaded every open page again.
    const editor = peer(secretariat, agendaDoc(PUBLIC));
    await synced(editor);
    appendParagraph(editor.doc, 'Read before the action items');
    await acknowledged(editor);
    // What the page shows: the page less the fingerprint it carries for the script.
    const page = async () => (await (await get(`/public/meetings/${PUBLIC}`)).text()).replace(/data-fingerprint="\w+"/, '');
    const before = await fingerprint();
    const shown = await page();

    const created = await call<{ id: string }>(secretariat, 'POST', `/api/meetings/${PUBLIC}/actions`, {
      text: 'The Secretariat to circulate the room plan.',
      owner: { kind: 'role', role: 'secretariat', label: 'IGF Secretariat' },
    });
    expect(created.status).toBe(201);
    expect(await fingerprint()).not.toBe(before);
    const unfolded = () =>
      server.app.store.db.get<{ rows: number }>('SELECT COUNT(*) AS rows FROM doc_updates WHERE doc = ? AND folded = 0', [
        agendaDoc(PUBLIC),
      ]);
    await waitFor(async () => Number((await unfolded())?.rows) === 0, { message: 'the agenda’s updates folded' });

    expect((await call(secretariat, 'PATCH', `/api/actions/${created.body.id}`, { status: 'dropped' })).status).toBe(200);
    // The page is as it was, so its fingerprint must be too: open pages do not reload for nothing.
    expect(await page()).toBe(shown);
    expect(await fingerprint()).toBe(before);
  });

  it('changes when registration is closed or opened again, as the page says whether one may register', async () => {
    const page = async () => (await get(`/public/meetings/${PUBLIC}`)).text();
    const before = await fingerprint();
    expect(await page()).toContain('Register for this meeting</a>');
    try {
      expect((await call(secretariat, 'PATCH', `/api/meetings/${PUBLIC}/registration`, { open: false })).status).toBe(200);
      expect(await page()).toContain('Registration for this meeting is closed.');
      expect(await fingerprint()).not.toBe(before);
    } finally {
      expect((await call(secretariat, 'PATCH', `/api/meetings/${PUBLIC}/registration`, { open: true })).status).toBe(200);
    }
    expect(await fingerprint()).toBe(before);
  });

  it('keeps its fingerprint when a proposal changes in what the page does not show, and changes on its title', async () => {
    const proposals = (
      await call<{ id: string; publicComment: boolean; summary: string }[]>(
        secretariat,
        'GET',
        `/api/meetings/${PUBLIC}/proposals`,
      )
    ).body;
    const before = await fingerprint();
    // Its co-authors: the page names no author of a proposal.
    const open = proposals.find((proposal) => proposal.publicComment)!;
    const rahulId = (await server.app.store.users.byEmail('rahul@example.org'))!.id;
    expect((await call(secretariat, 'PATCH', `/api/proposals/${open.id}`, { coAuthorIds: [rahulId] })).status).toBe(200);
    expect(await fingerprint()).toBe(before);
    // The summary of a proposal closed to public comment: the page shows it only while it is open.
    const closed = proposals.find((proposal) => !proposal.publicComment)!;
    expect(
      (await call(secretariat, 'PATCH', `/api/proposals/${closed.id}`, { summary: `${closed.summary} (revised)` })).status,
    ).toBe(200);
    expect(await fingerprint()).toBe(before);

    expect((await call(secretariat, 'PATCH', `/api/proposals/${open.id}`, { summary: `${open.summary} (revised)` })).status).toBe(
      200,
    );
    const revised = await fingerprint();
    expect(revised).not.toBe(before);
    expect((await call(secretariat, 'PATCH', `/api/proposals/${closed.id}`, { title: 'Renamed in public' })).status).toBe(200);
    expect(await fingerprint()).not.toBe(revised);
  });

  it('answers 404 for a mag meeting, signed out and signed in', async () => {
    expect((await get(LIVE(MAG))).status).toBe(404);
    expect((await get(LIVE(MAG), { cookie: secretariat.cookie })).status).toBe(404);
    expect((await get(LIVE('no-such-meeting'))).status).toBe(404);
  });

  it('is rate-limited per address', async () => {
    const statuses: number[] = [];
    const waits = new Set<string | null>();
    for (let index = 0; index < 40; index++) {
      const response = await get(LIVE(PUBLIC));
      statuses.push(response.status);
      if (response.status === 429) waits.add(response.headers.get('retry-after'));
    }
    // The page's script waits this long before asking again (live.js).
    expect([...waits].every((wait) => Number(wait) > 0)).toBe(true);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(36);
  });
});
