/**
 * The open consultation's public pages, read without a cookie: the demo's public meeting answers
 * with its agenda, proposals, decisions and versions as valid HTML; every id of the `mag` seed
 * meeting answers 404; pages are cached with an ETag; a version's digest can be checked.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING, SEED_MEETING } from '../../server/src/demo/demoData.ts';
import { SERVER_TEXT } from '../../server/src/i18n/serverText.ts';
import { STORE_WORDS } from '../../server/src/i18n/storeWords.ts';
import { PUBLIC_TEXT } from '../../server/src/public/publicText.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import { LANGUAGES } from '../../shared/i18n/languages.ts';
import type { AttachmentDto } from '../../shared/schemas/attachments.ts';
import { acknowledged, login, type Session, sleep, synced } from '../helpers/clients.ts';
import { tinyPdf } from '../helpers/documents.ts';
import { appendUntitledItem, docxParagraphs } from '../helpers/meetingRecord.ts';
import { createMeeting } from '../helpers/meetings.ts';
import { serverSuite } from '../helpers/serverSuite.ts';
import { expectValidHtml } from '../helpers/validHtml.ts';

const { server, call, peer: peerOf } = serverSuite();
const PUBLIC = DEMO_MEETING.id;
const MAG = SEED_MEETING.id;
let secretariat: Session;
let publicVersion: string;
let magVersion: string;
let publicPoll: string;
let magPoll: string;
let decidedProposal: { id: string };
/** Attachments: of the public meeting, one of its items, a proposal open / closed to public comment; of the mag meeting; a removed one. */
const files: Record<'meeting' | 'item' | 'openProposal' | 'closedProposal' | 'mag' | 'removed', AttachmentDto> = {} as never;
const PDF = tinyPdf(['The IGF 2024 summary report, as circulated.']);
const NOTE = Buffer.from('# Draft timeline\n\nCall for workshop proposals opens in March.\n');

/** The demo meetings' zone in words, as Intl names it. */
const UTC_IN_WORDS = { es: 'tiempo universal coordinado', ru: 'Всемирное координированное время' } as const;

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.baseUrl}${path}`, { headers });
async function attach(meetingId: string, data: Buffer, name: string, query = ''): Promise<AttachmentDto> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), name);
  const response = await fetch(`${server.baseUrl}/api/meetings/${meetingId}/attachments${query}`, {
    method: 'POST',
    headers: { cookie: secretariat.cookie },
    body: form,
  });
  expect(response.status).toBe(201);
  return (await response.json()) as AttachmentDto;
}

beforeAll(async () => {
  secretariat = await login(server.baseUrl, 'secretariat@example.org');
  const named = async (meetingId: string) => {
    const created = await call<{ id: string }>(secretariat, 'POST', `/api/meetings/${meetingId}/versions`, {
      name: 'As circulated',
    });
    expect(created.status).toBe(201);
    return created.body.id;
  };
  publicVersion = await named(PUBLIC);
  magVersion = await named(MAG);
  const closedPoll = async (meetingId: string) => {
    const created = await call<{ id: string }>(secretariat, 'POST', `/api/meetings/${meetingId}/polls`, {
      question: `Adopt the agenda of ${meetingId}?`,
      kind: 'single',
      audience: 'everyone',
      secret: false,
      results: 'live',
      options: [{ label: 'Yes' }, { label: 'No' }],
    });
    expect(created.status).toBe(201);
    expect((await call(secretariat, 'POST', `/api/polls/${created.body.id}/open`)).status).toBe(200);
    expect((await call(secretariat, 'POST', `/api/polls/${created.body.id}/close`)).status).toBe(200);
    return created.body.id;
  };
  publicPoll = await closedPoll(PUBLIC);
  magPoll = await closedPoll(MAG);

  const proposals = (
    await call<{ id: string; publicComment: boolean }[]>(secretariat, 'GET', `/api/meetings/${PUBLIC}/proposals`)
  ).body;
  const open = proposals.find((proposal) => proposal.publicComment)!;
  const closed = proposals.find((proposal) => !proposal.publicComment)!;
  decidedProposal = closed;
  expect((await call(secretariat, 'PATCH', `/api/proposals/${closed.id}`, { status: 'selected' })).status).toBe(200);
  files.meeting = await attach(PUBLIC, PDF, 'IGF 2024 summary report.pdf');
  files.item = await attach(PUBLIC, NOTE, 'Draft timeline.md', '?itemId=oc1-timeline');
  files.openProposal = await attach(PUBLIC, NOTE, 'Open annex.md', `?proposalId=${open.id}`);
  files.closedProposal = await attach(PUBLIC, NOTE, 'Closed annex.md', `?proposalId=${closed.id}`);
  files.mag = await attach(MAG, PDF, 'MAG only.pdf');
  files.removed = await attach(PUBLIC, NOTE, 'Withdrawn note.md');
  expect((await call(secretariat, 'DELETE', `/api/attachments/${files.removed.id}`)).status).toBe(204);
});

describe('the public pages of a public meeting, signed out', () => {
  it('show the meeting: title, agenda, proposals with status, decisions, versions, feed link, canonical and Open Graph tags', async () => {
    const response = await get(`/public/meetings/${PUBLIC}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const body = await response.text();
    expect(body).toContain('<html lang="en" dir="ltr">');
    expect(body).toContain(`<title>${DEMO_MEETING.title}</title>`);
    expect(body).toMatch(/<link rel="canonical" href="http[^"]+\/public\/meetings\/igf2025-oc1">/);
    expect(body).toContain('property="og:title"');
    expect(body).toContain(`href="/public/meetings/${PUBLIC}/feed.atom"`);
    expect(body).toContain('Policy Network on the Implementation of the Global Digital Compact');
    expect(body).toContain('under discussion');
    expect(body).toContain('Continue with last year’s MAG Working Groups for the IGF 2025 cycle?');
    expect(body).toContain(`/public/meetings/${PUBLIC}/versions/${publicVersion}`);
    expect(body).toContain(`/public/meetings/${PUBLIC}/polls/${publicPoll}`);
    expect(body).not.toMatch(/@example\.org/);
    // One same-origin deferred script (live updating; see publicLive.test.ts), never inline code.
    expect(body.match(/<script\b[^>]*>/g)).toEqual([expect.stringMatching(/^<script defer src="\/public\/live\.js" /)]);
    await expectValidHtml(body);
  });

  it('serve the feed, the version, the poll and the pack', async () => {
    const feed = await get(`/public/meetings/${PUBLIC}/feed.atom`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    const xml = await feed.text();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(xml).toContain('Agenda version: As circulated');
    expect(xml).toContain(`Poll closed: Adopt the agenda of ${PUBLIC}?`);
    expect(xml).toContain('New proposal: Policy Network on the Implementation of the Global Digital Compact');

    const version = await get(`/public/meetings/${PUBLIC}/versions/${publicVersion}`);
    expect(version.status).toBe(200);
    await expectValidHtml(await version.text());
    const poll = await get(`/public/meetings/${PUBLIC}/polls/${publicPoll}`);
    expect(poll.status).toBe(200);
    const pollPage = await poll.text();
    expect(pollPage).toContain(`Adopt the agenda of ${PUBLIC}?`);
    // The decision links to the version of the agenda that stood when it was taken.
    expect(pollPage).toContain(`href="/public/meetings/${PUBLIC}/versions/${publicVersion}"`);
    await expectValidHtml(pollPage);
    for (const format of ['md', 'html', 'docx'])
      expect((await get(`/public/meetings/${PUBLIC}/pack.${format}`)).status).toBe(200);
  });

  it('show a digest on a version’s page equal to the SHA-256 of the version’s Markdown', async () => {
    const page = await (await get(`/public/meetings/${PUBLIC}/versions/${publicVersion}`)).text();
    const shown = /<dd class="digest" id="sha256">([0-9a-f]{64})<\/dd>/.exec(page)?.[1];
    const markdown = await get(`/public/meetings/${PUBLIC}/versions/${publicVersion}.md`);
    expect(markdown.status).toBe(200);
    const bytes = Buffer.from(await markdown.arrayBuffer());
    expect(shown).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(bytes.toString('utf8')).toContain('As circulated');
  });

  it('print the digest of each named version in the pack (Markdown, HTML, DOCX, public and signed-in), equal to the version page’s', async () => {
    const page = await (await get(`/public/meetings/${PUBLIC}/versions/${publicVersion}`)).text();
    const shown = /<dd class="digest" id="sha256">([0-9a-f]{64})<\/dd>/.exec(page)![1]!;
    const md = await (await get(`/public/meetings/${PUBLIC}/pack.md`)).text();
    expect(md).toContain('### Versions of the agenda (SHA-256)\n\n- ');
    expect(md).toMatch(new RegExp(`\\n- As circulated \\([^)]+ UTC\\): \`${shown}\`\\n`));
    expect(await (await get(`/public/meetings/${PUBLIC}/pack.html`)).text()).toContain(`<code class="digest">${shown}</code>`);
    const docx = docxParagraphs(new Uint8Array(await (await get(`/public/meetings/${PUBLIC}/pack.docx`)).arrayBuffer()));
    expect(docx.some((line) => line.includes(`As circulated`) && line.includes(shown))).toBe(true);
    const signedIn = await call<string>(secretariat, 'GET', `/api/meetings/${PUBLIC}/pack.md?lang=fr`);
    expect(String(signedIn.body)).toContain('Versions de l’ordre du jour (SHA-256)');
    expect(String(signedIn.body)).toContain(shown);
  });

  it('are cached: an ETag, a short max-age, and 304 when the reader has it', async () => {
    const first = await get(`/public/meetings/${PUBLIC}`);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=30');
    const again = await get(`/public/meetings/${PUBLIC}`, { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    // Readers count in the metrics, cached answers apart.
    const metrics = await (await get('/metrics')).text();
    expect(metrics).toMatch(/plenary_public_page_views_total\{route="\/public\/meetings\/:meetingId",status="304"\} [1-9]/);
    expect(metrics).toMatch(/plenary_public_page_views_total\{route="\/public\/meetings\/:meetingId",status="200"\} [1-9]/);
  });

  it('answer 304 to `If-None-Match: *` (any representation the reader has), and 200 to a tag they do not have', async () => {
    // RFC 9110 §13.1.2: `*` matches whenever the resource has a current representation; a list
    // and weak tags (W/) compare like a single strong one; a missing page stays 404.
    const page = `/public/meetings/${PUBLIC}`;
    const etag = (await get(page)).headers.get('etag')!;
    const star = await get(page, { 'if-none-match': '*' });
    expect(star.status).toBe(304);
    expect(star.headers.get('etag')).toBe(etag);
    expect(await star.text()).toBe('');
    expect((await get(page, { 'if-none-match': `"elsewhere", W/${etag}` })).status).toBe(304);
    expect((await get(page, { 'if-none-match': '"elsewhere"' })).status).toBe(200);
    expect((await get(`/public/meetings/${PUBLIC}/feed.atom`, { 'if-none-match': '*' })).status).toBe(304);
    expect((await get(`/public/meetings/${PUBLIC}/attachments/${files.meeting.id}`, { 'if-none-match': '*' })).status).toBe(304);
    expect((await get('/public/meetings/no-such-meeting', { 'if-none-match': '*' })).status).toBe(404);
  });
});

describe('decisions', () => {
  it('link to the agenda version they were taken on, on the page and in the feed', async () => {
    const versionHref = `/public/meetings/${PUBLIC}/versions/${publicVersion}`;
    const page = await (await get(`/public/meetings/${PUBLIC}`)).text();
    const poll = /<section id="poll-([^"]+)">[\s\S]*?<\/section>/g;
    const pollSection = [...page.matchAll(poll)].find((match) => match[1] === publicPoll)?.[0];
    expect(pollSection).toContain(`Taken on <a href="${versionHref}">agenda version “<bdi>As circulated</bdi>”</a>`);
    const change = new RegExp(
      `<li><time[^>]*>[^<]*</time>: <a href="[^"]*#proposal-${decidedProposal.id}"><bdi>[^<]*</bdi></a> — <span class="status">selected</span>. Taken on <a href="${versionHref}">`,
    );
    expect(page).toMatch(change);
    const feed = await (await get(`/public/meetings/${PUBLIC}/feed.atom`)).text();
    const entries = feed.split('<entry>');
    const pollEntry = entries.find((entry) => entry.includes(`Poll closed: Adopt the agenda of ${PUBLIC}?`))!;
    expect(pollEntry).toMatch(
      new RegExp(`<link rel="related" type="text/html" title="Agenda version" href="http[^"]+${versionHref}"/>`),
    );
    const statusEntry = entries.find((entry) => entry.includes(': selected</title>'))!;
    expect(statusEntry).toContain(`${versionHref}"/>`);
    expect(statusEntry).toContain('Taken on agenda version “As circulated”.');
  });
});

describe('attachments of a public meeting', () => {
  it('are listed on the meeting page with what they belong to, and in the public pack', async () => {
    const page = await (await get(`/public/meetings/${PUBLIC}`)).text();
    for (const file of [files.meeting, files.item, files.openProposal]) {
      expect(page).toContain(`href="/public/meetings/${PUBLIC}/attachments/${file.id}"`);
      expect(page).toContain(file.name);
    }
    expect(page).toMatch(/Draft timeline\.md<\/bdi><\/a><\/th><td>Item \d+\. <bdi>/);
    for (const file of [files.closedProposal, files.mag, files.removed]) expect(page).not.toContain(file.id);
    const pack = await (await get(`/public/meetings/${PUBLIC}/pack.md`)).text();
    expect(pack).toContain(`/public/meetings/${PUBLIC}/attachments/${files.meeting.id}`);
    expect(pack).not.toContain(files.closedProposal.id);
  });

  it('download byte-identical, typed by content, to save, with nosniff, and 304 for a reader who has it', async () => {
    const response = await get(`/public/meetings/${PUBLIC}/attachments/${files.meeting.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="IGF 2024 summary report\.pdf"/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain('sandbox');
    expect(response.headers.get('etag')).toBe(`"${files.meeting.sha256}"`);
    expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);
    const again = await get(`/public/meetings/${PUBLIC}/attachments/${files.meeting.id}`, {
      'if-none-match': `"${files.meeting.sha256}"`,
    });
    expect(again.status).toBe(304);
    const note = await get(`/public/meetings/${PUBLIC}/attachments/${files.item.id}`);
    expect(note.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(Buffer.from(await note.arrayBuffer()).equals(NOTE)).toBe(true);
  });

  it('answer 404 for a mag meeting’s file, a proposal closed to public comment, a removed file, signed in or not', async () => {
    const paths = [
      `/public/meetings/${MAG}/attachments/${files.mag.id}`,
      `/public/meetings/${PUBLIC}/attachments/${files.mag.id}`,
      `/public/meetings/${PUBLIC}/attachments/${files.closedProposal.id}`,
      `/public/meetings/${PUBLIC}/attachments/${files.removed.id}`,
      `/public/meetings/${MAG}/attachments/${files.meeting.id}`,
    ];
    for (const path of paths) {
      expect((await get(path)).status, path).toBe(404);
      expect((await get(path, { cookie: secretariat.cookie })).status, path).toBe(404);
    }
  });
});

describe('what the public pages never show', () => {
  it('shows a hidden comment as “hidden by moderator”, without its body', async () => {
    const kwame = await login(server.baseUrl, 'kwame@example.org');
    const body = 'A remark the moderator will hide: call 555-0100.';
    const thread = await call<{ id: string; comments: { id: string }[] }>(kwame, 'POST', '/api/threads', {
      doc: 'proposal:pn-gdc-implementation',
      body,
    });
    expect(thread.status).toBe(201);
    expect(await (await get(`/public/meetings/${PUBLIC}`)).text()).toContain(body);
    const hidden = await call(secretariat, 'DELETE', `/api/comments/${thread.body.comments[0]!.id}`, { reason: 'personal data' });
    expect(hidden.status).toBe(204);
    const page = await (await get(`/public/meetings/${PUBLIC}`)).text();
    expect(page).not.toContain(body);
    expect(page).toContain('hidden by moderator');
    // The public moderation log: the action and reason, not the comment.
    expect(page).toMatch(/comment \w+ — personal data/);
  });

  it('lists in the moderation log only the hides of threads the page shows, not a moderator’s reasons about members-only discussions', async () => {
    const kwame = await login(server.baseUrl, 'kwame@example.org');
    const proposals = (
      await call<{ id: string; publicComment: boolean }[]>(secretariat, 'GET', `/api/meetings/${PUBLIC}/proposals`)
    ).body;
    const closed = proposals.find((proposal) => !proposal.publicComment)!;
    const before = await get(`/public/meetings/${PUBLIC}`);
    // A proposal not open for public comment and the agenda: members-only threads, which the page does not show.
    const reasons = { [`proposal:${closed.id}`]: 'off-topic aside about a member', [agendaDoc(PUBLIC)]: 'named a staff member' };
    for (const [doc, reason] of Object.entries(reasons)) {
      const thread = await call<{ comments: { id: string }[] }>(kwame, 'POST', '/api/threads', { doc, body: 'Members only.' });
      expect(thread.status).toBe(201);
      const hidden = await call(secretariat, 'DELETE', `/api/comments/${thread.body.comments[0]!.id}`, { reason });
      expect(hidden.status).toBe(204);
    }
    const after = await get(`/public/meetings/${PUBLIC}`);
    const page = await after.text();
    for (const reason of Object.values(reasons)) expect(page).not.toContain(reason);
    // Nothing the page shows changed: the same ETag, so a reader's copy is still current.
    expect(after.headers.get('etag')).toBe(before.headers.get('etag'));
  });

  it('shows a secret poll’s totals only, and no poll that is not closed', async () => {
    const create = (question: string, secret: boolean) =>
      call<{ id: string }>(secretariat, 'POST', `/api/meetings/${PUBLIC}/polls`, {
        question,
        kind: 'single',
        audience: 'everyone',
        secret,
        results: 'live',
        options: [{ label: 'Yes' }, { label: 'No' }],
      });
    const secret = await create('A secret question for the public page?', true);
    const open = await create('A poll still open?', false);
    await call(secretariat, 'POST', `/api/polls/${secret.body.id}/open`);
    await call(secretariat, 'POST', `/api/polls/${open.body.id}/open`);
    const mei = await login(server.baseUrl, 'mei@example.org');
    const options = (await call<{ options: { id: string }[] }>(mei, 'GET', `/api/polls/${secret.body.id}`)).body.options;
    expect((await call(mei, 'PUT', `/api/polls/${secret.body.id}/ballot`, { choices: [options[0]!.id] })).status).toBe(200);
    await call(secretariat, 'POST', `/api/polls/${secret.body.id}/close`);
    const poll = await (await get(`/public/meetings/${PUBLIC}/polls/${secret.body.id}`)).text();
    expect(poll).toContain('Secret ballot: totals only');
    expect(poll).toContain('1 ballot ·');
    expect(poll).not.toContain('Mei Lin');
    expect(await (await get(`/public/meetings/${PUBLIC}`)).text()).not.toContain('A poll still open?');
    expect((await get(`/public/meetings/${PUBLIC}/polls/${open.body.id}`)).status).toBe(404);
  });
});

describe('comments on the public page', () => {
  it('read as on the board: a mention is the person’s name, never their id; emphasis and links are markup, the rest text', async () => {
    const kwame = await login(server.baseUrl, 'kwame@example.org');
    const mei = await login(server.baseUrl, 'mei@example.org');
    const body = [
      `Thanks <@${mei.user.id}>: *balance* matters, **really**.`,
      'See [the report](https://example.org/report?a=1&b=2) and https://example.org/annex.',
      '<script>alert(1)</script> [a trap](javascript:alert(1)) <@no-such-person>',
    ].join('\n');
    const thread = await call(kwame, 'POST', '/api/threads', { doc: 'proposal:pn-gdc-implementation', body });
    expect(thread.status).toBe(201);

    const page = await (await get(`/public/meetings/${PUBLIC}`)).text();
    await expectValidHtml(page);
    expect(page).toContain(`Thanks <bdi class="mention">@Mei Lin</bdi>: <em>balance</em> matters, <strong>really</strong>.`);
    expect(page).toContain(
      'See <a href="https://example.org/report?a=1&amp;b=2" rel="nofollow ugc noopener noreferrer">the report</a> and ' +
        '<a href="https://example.org/annex" rel="nofollow ugc noopener noreferrer">https://example.org/annex</a>.',
    );
    // What is not formatting stays text; an id that is nobody's is said neutrally; no id shows at all.
    expect(page).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt; [a trap](javascript:alert(1)) <bdi class="mention">@someone</bdi>',
    );
    expect(page).not.toContain(mei.user.id);
    expect(page).not.toContain('&lt;@');
    expect(page).not.toContain('no-such-person');

    const russian = await (await get(`/public/meetings/${PUBLIC}?lang=ru`)).text();
    await expectValidHtml(russian);
    expect(russian).toContain('<bdi class="mention">@Mei Lin</bdi>');
    expect(russian).toContain('<bdi class="mention">@кто-то</bdi>');
    expect(russian).not.toContain(mei.user.id);
    // The feed tells of proposals and decisions, never a comment's body.
    const feed = await (await get(`/public/meetings/${PUBLIC}/feed.atom`)).text();
    expect(feed).not.toContain('balance');
    expect(feed).not.toContain(mei.user.id);
  });
});

/** The English catalogue's phrases of 12 characters or more (placeholders cut out): none may show on a page in another language. */
function englishPhrases(): string[] {
  const phrases = new Set<string>();
  const walk = (value: unknown) => {
    if (typeof value === 'string') {
      for (const piece of value.split(/\{\{\w+\}\}/)) if (piece.trim().length >= 12) phrases.add(piece.trim());
    } else if (value && typeof value === 'object') for (const entry of Object.values(value)) walk(entry);
  };
  walk(PUBLIC_TEXT.en);
  walk(STORE_WORDS.en);
  // The demo's proposals, written in English, name their kind in their titles ("Policy Network on …").
  for (const kind of Object.values(PUBLIC_TEXT.en.proposal.kinds)) phrases.delete(kind);
  return [...phrases];
}

describe('the public pages in the six UN languages', () => {
  const english = englishPhrases();
  const pages = () => [
    `/public/meetings/${PUBLIC}`,
    `/public/meetings/${PUBLIC}/versions/${publicVersion}`,
    `/public/meetings/${PUBLIC}/polls/${publicPoll}`,
    `/public/meetings/${PUBLIC}/register`,
  ];

  it.each(LANGUAGES.filter((language) => language !== 'en'))(
    'are said in %s with ?lang=, with no English left, valid',
    async (language) => {
      const text = PUBLIC_TEXT[language];
      for (const path of pages()) {
        const response = await get(`${path}?lang=${language}`);
        expect(response.status, path).toBe(200);
        const body = await response.text();
        expect(body, path).toContain(`<html lang="${language}" dir="${language === 'ar' ? 'rtl' : 'ltr'}">`);
        expect(body, path).toContain(`<a class="skip" href="#main">${text.layout.skip}</a>`);
        expect(
          english.filter((phrase) => body.includes(phrase)),
          path,
        ).toEqual([]);
        await expectValidHtml(body);
      }
    },
  );

  it('keep a language chosen with ?lang= in their links, and say dates, statuses and counts the language’s way', async () => {
    const fr = PUBLIC_TEXT.fr;
    const frStore = STORE_WORDS.fr;
    const body = await (await get(`/public/meetings/${PUBLIC}?lang=fr`)).text();
    expect(body).toContain(`<h2 id="agenda">${fr.meeting.agenda}</h2>`);
    expect(body).toContain(`href="/public/meetings/${PUBLIC}/versions/${publicVersion}?lang=fr"`);
    expect(body).toContain(`href="/public/meetings/${PUBLIC}/polls/${publicPoll}?lang=fr"`);
    expect(body).toContain(`href="/public/meetings/${PUBLIC}/feed.atom?lang=fr"`);
    expect(body).toContain(`href="/public/meetings/${PUBLIC}/register?lang=fr"`);
    expect(body).toContain(`href="/public/meetings/${PUBLIC}/pack.docx?lang=fr"`);
    expect(body).toMatch(/<link rel="canonical" href="http[^"]+\/public\/meetings\/igf2025-oc1\?lang=fr">/);
    // The same page in every language, for search engines and for the reader's choice.
    for (const language of LANGUAGES)
      expect(body).toMatch(new RegExp(`<link rel="alternate" hreflang="${language}" href="http[^"]+\\?lang=${language}">`));
    expect(body).toMatch(/<a href="\?lang=ar" lang="ar" hreflang="ar">العربية<\/a>/);
    expect(body).toContain('<a href="?lang=fr" lang="fr" hreflang="fr" aria-current="true">Français</a>');
    // Dates in words (the meeting's days and each decision's), the status of a proposal and a count in French.
    const days = new Intl.DateTimeFormat('fr', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${DEMO_MEETING.startsOn}T00:00:00Z`),
    );
    expect(body).toContain(days.split(' ').slice(1).join(' '));
    expect(body).not.toMatch(/<time datetime="[^"]+">\d{4}-\d\d-\d\d<\/time>/);
    expect(body).toContain(` · ${frStore.meetingFormat.hybrid} · <span class="status">${frStore.meetingStatus.active}</span>`);
    expect(body).toContain(`<span class="status">${frStore.proposalStatus.selected}</span>`);
    expect(body).toContain(`<span class="status">${frStore.proposalStatus['under discussion']}</span>`);
    // The version the decision was taken on, inside the French sentence.
    expect(body).toContain(
      `<a href="/public/meetings/${PUBLIC}/versions/${publicVersion}?lang=fr">${fr.decision.agendaVersion.replace('{{name}}', '<bdi>As circulated</bdi>')}</a>`,
    );
    // What people wrote stays as written.
    expect(body).toContain('Policy Network on the Implementation of the Global Digital Compact');
    // The pack in French, linked from the French page.
    expect(await (await get(`/public/meetings/${PUBLIC}/pack.md?lang=fr`)).text()).toContain(SERVER_TEXT.fr.heading);
  });

  it('follow the browser’s Accept-Language without ?lang=, with an ETag per language and Vary: Accept-Language', async () => {
    const english = await get(`/public/meetings/${PUBLIC}`, { 'accept-language': 'en-GB,en;q=0.9' });
    const arabic = await get(`/public/meetings/${PUBLIC}`, { 'accept-language': 'ar-EG,ar;q=0.9,en;q=0.5' });
    const arabicBody = await arabic.text();
    expect(arabicBody).toContain('<html lang="ar" dir="rtl">');
    expect(arabicBody).toContain(`<h2 id="agenda">${PUBLIC_TEXT.ar.meeting.agenda}</h2>`);
    // Links stay bare: the next page follows the browser's language as well.
    expect(arabicBody).toContain(`href="/public/meetings/${PUBLIC}/versions/${publicVersion}"`);
    for (const response of [english, arabic]) expect(response.headers.get('vary')).toMatch(/accept-language/i);
    expect(arabic.headers.get('etag')).not.toBe(english.headers.get('etag'));
    // A file, a script and the Markdown a digest is of are the same in every language.
    for (const path of [
      `/public/meetings/${PUBLIC}/attachments/${files.meeting.id}`,
      '/public/live.js',
      `/public/meetings/${PUBLIC}/versions/${publicVersion}.md`,
    ])
      expect((await get(path)).headers.get('vary'), path).toBe('accept-encoding');
    // A reader who has the English page gets the Arabic one, not a 304.
    const again = await get(`/public/meetings/${PUBLIC}`, {
      'accept-language': 'ar',
      'if-none-match': english.headers.get('etag')!,
    });
    expect(again.status).toBe(200);
    // A language the board does not speak falls back to English.
    expect(await (await get(`/public/meetings/${PUBLIC}?lang=de`, { 'accept-language': 'de' })).text()).toContain(
      '<html lang="en" dir="ltr">',
    );
  });

  it('give the Atom feed in the language, with the same entry ids as in English', async () => {
    const ids = (xml: string) => [...xml.matchAll(/<id>([^<]+)<\/id>/g)].map((match) => match[1]);
    const english = await (await get(`/public/meetings/${PUBLIC}/feed.atom`)).text();
    const spanish = await (await get(`/public/meetings/${PUBLIC}/feed.atom?lang=es`)).text();
    expect(spanish).toContain('xml:lang="es"');
    expect(spanish).toContain(PUBLIC_TEXT.es.feed.pollClosed.replace('{{question}}', `Adopt the agenda of ${PUBLIC}?`));
    expect(spanish).not.toContain('Poll closed:');
    expect(ids(spanish)).toEqual(ids(english));
    // Its links lead to the pages in Spanish.
    expect(spanish).toMatch(
      new RegExp(`<link rel="alternate" type="text/html" href="http[^"]+/public/meetings/${PUBLIC}\\?lang=es"/>`),
    );
  });

  it('refuse a registration form in the reader’s language, and keep it to the thank-you page', async () => {
    const form = await (await get(`/public/meetings/${PUBLIC}/register?lang=es`)).text();
    const token = /name="formToken" value="([^"]+)"/.exec(form)![1]!;
    const send = (fields: Record<string, string>) =>
      fetch(`${server.baseUrl}/public/meetings/${PUBLIC}/register?lang=es`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.baseUrl },
        body: new URLSearchParams(fields).toString(),
      });
    const fields = {
      formToken: token,
      name: 'Lucía Pérez',
      email: 'lucia@example.net',
      group: 'civil-society',
      country: 'Chile',
      affiliation: '',
    };
    const tooFast = await send(fields);
    expect(tooFast.status).toBe(400);
    const refused = await tooFast.text();
    expect(refused).toMatch(/<div class="error-summary" role="alert"[^>]*>/);
    expect(refused).toContain(`<p>${PUBLIC_TEXT.es.registration.errors.tooFast}</p>`);
    expect(refused).toContain(`<label>${PUBLIC_TEXT.es.registration.name} <input`);
    expect(refused).toContain('value="Lucía Pérez"');
    await expectValidHtml(refused);
    await sleep(3_200);
    const sent = await send(fields);
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/public/meetings/${PUBLIC}/register/sent?lang=es`);
    const thanks = await (await get(sent.headers.get('location')!)).text();
    expect(thanks).toContain(`<p role="status">${PUBLIC_TEXT.es.registration.pending}</p>`);
  });
});

describe('the public agenda and results, in the reader’s language', () => {
  it('say when a meeting starts on its own clock, that clock named in words in the reader’s language with its IANA name', async () => {
    const meetingId = await createMeeting(server.baseUrl, {
      title: 'New York consultation',
      startsOn: '2027-03-10',
      endsOn: '2027-03-10',
      startTime: '09:30',
      timeZone: 'America/New_York',
      format: 'hybrid',
      visibility: 'public',
    });
    const expected = {
      fr: '10 mars 2027 · 09:30 heure de l’Est nord-américain (<bdi>America/New_York</bdi>) · Hybride',
      zh: ' · 北美东部时间09:30（<bdi>America/New_York</bdi>） · ',
      ar: ' · 09:30 حسب التوقيت الشرقي لأمريكا الشمالية (<bdi>America/New_York</bdi>) · ',
    };
    for (const [language, meta] of Object.entries(expected)) {
      const body = await (await get(`/public/meetings/${meetingId}?lang=${language}`)).text();
      expect(body, language).toContain(meta);
      expect(body, language).not.toContain('09:30 America/New_York');
    }
  });

  it('head each day of a meeting of several days, as the pack’s annex does, and say the time zone once', async () => {
    // The open consultation runs over three days; its items ran together without a day ("1. 10:00–…", "2. 10:00–…").
    for (const language of ['es', 'ru'] as const) {
      const dayOf = (n: number) => SERVER_TEXT[language].day.replace('{{day}}', String(n));
      const zone = PUBLIC_TEXT[language].meeting.timesIn
        .replace('{{zone}}', UTC_IN_WORDS[language])
        .replace('{{id}}', '<bdi>UTC</bdi>');
      for (const path of [`/public/meetings/${PUBLIC}`, `/public/meetings/${PUBLIC}/versions/${publicVersion}`]) {
        const body = await (await get(`${path}?lang=${language}`)).text();
        const agenda = body.slice(body.indexOf(`>${PUBLIC_TEXT[language].meeting.agenda}</h2>`));
        const headings = [...agenda.matchAll(new RegExp(`<h3>(${dayOf(0).replace('0', '\\d+')})</h3>`, 'g'))].map(
          (match) => match[1],
        );
        expect(headings, path).toEqual([dayOf(1), dayOf(2), dayOf(3)]);
        // Under a day, an item is one level down.
        expect(agenda.indexOf(`<h3>${dayOf(1)}</h3>\n<section><h4>1. <bdi>`), path).toBeGreaterThan(-1);
        expect(body.split(zone).length - 1, path).toBe(1);
        expect(body.indexOf(zone), path).toBeLessThan(body.indexOf(`<h3>${dayOf(1)}</h3>`));
      }
    }
  });

  it('name an item without a title as untitled in the reader’s language, on the page and in the pack', async () => {
    // An item as the board adds it: its title empty in the shared document, whoever added it.
    const peer = peerOf(secretariat, agendaDoc(PUBLIC));
    await synced(peer);
    const remove = appendUntitledItem(peer.doc, 'untitled-item');
    await acknowledged(peer);
    try {
      for (const language of ['es', 'ar'] as const) {
        const untitled = `. <bdi>${SERVER_TEXT[language].untitledItem}</bdi>`;
        const body = await (await get(`/public/meetings/${PUBLIC}?lang=${language}`)).text();
        expect(body, language).toContain(untitled);
        const pack = await (await get(`/public/meetings/${PUBLIC}/pack.html?lang=${language}`)).text();
        // Under its number, in the pack's items and in its annex.
        expect(pack.split(untitled).length - 1, language).toBe(2);
      }
      // The signed-in pack, in the person's language as in any other.
      const docx = await get(`/api/meetings/${PUBLIC}/pack.docx?lang=ru`, { cookie: secretariat.cookie });
      const lines = docxParagraphs(new Uint8Array(await docx.arrayBuffer()));
      expect(lines.filter((line) => /^\d+\. \(пункт без названия\)/.test(line))).toHaveLength(2);
      const markdown = await call<string>(secretariat, 'GET', `/api/meetings/${PUBLIC}/pack.md?lang=fr`);
      expect(String(markdown.body)).toMatch(/\n### \d+\. \(point sans titre\)\n/);
    } finally {
      remove();
      await acknowledged(peer);
    }
  });

  it('punctuate a label as the language does (“Intervenant : …” in French), on the page and in the pack', async () => {
    // The colon was written in the code, so French read "Intervenant: MAG Chair", unlike the board.
    const expected = {
      fr: ['Intervenant : IGF Secretariat', 'Résultat attendu : Comments on the draft IGF 2025 timeline', 'Responsable : '],
      en: ['Presenter: IGF Secretariat', 'Expected output: Comments on the draft IGF 2025 timeline', 'Owner: '],
      zh: ['主讲人：IGF Secretariat', '预期成果：Comments on the draft IGF 2025 timeline', '负责人：'],
    };
    for (const [language, phrases] of Object.entries(expected)) {
      const base = `/public/meetings/${PUBLIC}`;
      const docx = await get(`${base}/pack.docx?lang=${language}`);
      const texts = {
        page: await (await get(`${base}?lang=${language}`)).text(),
        html: await (await get(`${base}/pack.html?lang=${language}`)).text(),
        md: await (await get(`${base}/pack.md?lang=${language}`)).text(),
        docx: docxParagraphs(new Uint8Array(await docx.arrayBuffer())).join('\n'),
      };
      for (const [where, text] of Object.entries(texts)) {
        for (const phrase of phrases) expect(text, `${language} ${where}`).toContain(phrase);
      }
    }
    const french = await (await get(`/public/meetings/${PUBLIC}?lang=fr`)).text();
    for (const word of ['Intervenant', 'Résultat attendu', 'Responsable', 'Échéance']) expect(french).not.toContain(`${word}:`);
    // A change of a proposal's status, after its date; a poll's page title, after the meeting's.
    expect(french).toMatch(/<\/time> : <a href="[^"]*#proposal-/);
    expect(french).not.toContain('</time>: ');
    const poll = /href="([^"]*\/polls\/[^"]*)"/.exec(french)![1]!.replaceAll('&amp;', '&');
    const pollPage = await (await get(poll)).text();
    expect(pollPage).toMatch(new RegExp(`<title>${DEMO_MEETING.title.slice(0, 20)}[^<]* : `));
  });

  it('mark an ordinary poll’s winner as having most votes, not as elected', async () => {
    const created = await call<{ id: string; options: { id: string }[] }>(secretariat, 'POST', `/api/meetings/${PUBLIC}/polls`, {
      question: 'Hold the second open consultation online?',
      kind: 'single',
      audience: 'everyone',
      secret: false,
      results: 'live',
      options: [{ label: 'Yes' }, { label: 'No' }],
    });
    expect(created.status).toBe(201);
    expect((await call(secretariat, 'POST', `/api/polls/${created.body.id}/open`)).status).toBe(200);
    const ballot = await call(secretariat, 'PUT', `/api/polls/${created.body.id}/ballot`, {
      choices: [created.body.options[0]!.id],
    });
    expect(ballot.status).toBe(200);
    expect((await call(secretariat, 'POST', `/api/polls/${created.body.id}/close`)).status).toBe(200);
    for (const language of ['ru', 'es', 'en'] as const) {
      const text = PUBLIC_TEXT[language].poll;
      for (const path of [`/public/meetings/${PUBLIC}/polls/${created.body.id}`, `/public/meetings/${PUBLIC}`]) {
        const body = await (await get(`${path}?lang=${language}`)).text();
        expect(body, path).toContain(`<bdi>Yes</bdi> ${text.mostVotes}</th>`);
        expect(body, path).not.toContain(text.elected);
      }
    }
  });
});

describe('a mag meeting', () => {
  it('answers 404 on every public route, signed out and signed in', async () => {
    const paths = [
      `/public/meetings/${MAG}`,
      `/public/meetings/${MAG}/feed.atom`,
      `/public/meetings/${MAG}/live`,
      `/public/meetings/${MAG}/versions/${magVersion}`,
      `/public/meetings/${MAG}/versions/${magVersion}.md`,
      `/public/meetings/${MAG}/polls/${magPoll}`,
      `/public/meetings/${MAG}/pack.md`,
      `/public/meetings/${MAG}/pack.html`,
      `/public/meetings/${MAG}/pack.docx`,
      // A mag meeting's version or poll under the public meeting's id.
      `/public/meetings/${PUBLIC}/versions/${magVersion}`,
      `/public/meetings/${PUBLIC}/polls/${magPoll}`,
    ];
    for (const path of paths) {
      expect((await get(path)).status, path).toBe(404);
      expect((await get(path, { cookie: secretariat.cookie })).status, path).toBe(404);
    }
  });
});
