/**
 * The meeting pack of the demo's seed meeting, generated from the board's data: every agenda
 * item and every action item, in order, in Markdown, HTML and DOCX (opened and read back); and
 * the pack renders what people write inertly.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING, SEED_AGENDA, SEED_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import { acknowledged, http, login, type Session, synced } from '../helpers/clients.ts';
import { agendaItemElements, appendNote, docxParagraphs } from '../helpers/meetingRecord.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const { server, peer: peerOf } = serverSuite();
let secretariat: Session;

const items = SEED_AGENDA.flatMap((day) => day.items);
const actions = items.flatMap((item) => item.actions ?? []);

beforeAll(async () => {
  secretariat = await login(server.baseUrl, 'secretariat@example.org');
});

/** Asserts that every needle occurs in the text, each after the one before. */
function expectInOrder(text: string, needles: string[]): void {
  let from = 0;
  for (const needle of needles) {
    const at = text.indexOf(needle, from);
    expect(at, `“${needle.slice(0, 60)}…” after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + needle.length;
  }
}

/** The agenda items and their actions interleaved, in the order the pack must show them. */
const itemsThenActions = items.flatMap((item) => [item.title, ...(item.actions ?? []).map((action) => action.text)]);

describe('the meeting pack of the demo meeting', () => {
  it('has the seed’s structure in Markdown: title, date line, numbered items with notes and actions, the agenda as annex', async () => {
    const md = await http<string>(server.baseUrl, 'GET', `/api/meetings/${SEED_MEETING.id}/pack.md`, {
      cookie: secretariat.cookie,
    });
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toContain('text/markdown');
    const text = md.body;
    expectInOrder(text, [
      '# IGF 2025 MAG Meeting I',
      'Action items & next steps',
      '30 January 2025 | 12:00 Coordinated Universal Time (UTC) | Online',
      '### 1. Welcoming remarks from the MAG Chair',
      '### 3. Update from the Secretariat',
      '**Actions**',
      '### 6. IGF Intersessional Work',
      '#### a. IGF Best Practice Forums',
      '#### c. Any Other Business',
      '## Annex 1: Meeting Agenda',
      '- 1. Welcoming remarks',
      '12:00–12:10',
    ]);
    const body = text.slice(0, text.indexOf('## Annex 1'));
    expectInOrder(body, itemsThenActions);
    expect(actions).toHaveLength(10);
    // A note and its place: under item 3, before its actions.
    expectInOrder(body, [
      '### 3. Update from the Secretariat',
      'The IGF 2024 summary report is currently being finalized',
      '➔ The IGF Secretariat will disseminate',
    ]);
    // Owners and deadlines travel with the actions.
    expect(body).toContain('*(Owner: IGF Secretariat · Due: second half of February)*');
    expectInOrder(
      text.slice(text.indexOf('## Annex 1')),
      items.map((item) => item.title),
    );
  });

  it('is a printable HTML page with the same content, in order', async () => {
    const page = await http<string>(server.baseUrl, 'GET', `/api/meetings/${SEED_MEETING.id}/pack.html`, {
      cookie: secretariat.cookie,
    });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('@media print');
    const text = page.body
      .replace(/<[^>]+>/g, '')
      .replace(/&amp;/g, '&')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"');
    expectInOrder(text, [
      'IGF 2025 MAG Meeting I',
      'Action items & next steps',
      '30 January 2025 | 12:00 Coordinated Universal Time (UTC) | Online',
      ...itemsThenActions,
      'Annex 1: Meeting Agenda',
    ]);
  });

  it('is a DOCX that opens, with every item and action in order', async () => {
    const response = await fetch(`${server.baseUrl}/api/meetings/${SEED_MEETING.id}/pack.docx`, {
      headers: { cookie: secretariat.cookie },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(response.headers.get('content-disposition')).toContain('.docx');
    const paragraphs = docxParagraphs(new Uint8Array(await response.arrayBuffer()));
    expect(paragraphs[0]).toBe('IGF 2025 MAG Meeting I');
    expect(paragraphs).toContain('Action items & next steps');
    expect(paragraphs).toContain('30 January 2025 | 12:00 Coordinated Universal Time (UTC) | Online');
    const text = paragraphs.join('\n');
    expectInOrder(text, [
      '1. Welcoming remarks',
      '3. Update from the Secretariat',
      'a. IGF Best Practice Forums',
      'Annex 1: Meeting Agenda',
    ]);
    expectInOrder(text.slice(0, text.indexOf('Annex 1: Meeting Agenda')), itemsThenActions);
    expect(paragraphs).toContain(
      '➔ The IGF Secretariat to schedule a joint MAG-LP meeting in the second half of February. (Owner: IGF Secretariat · Due: second half of February)',
    );
  });

  it('dates a meeting of several days with all its days and names its clock in words, in Markdown, HTML and DOCX, in the reader’s language', async () => {
    // The open consultation runs from 25 to 27 February 2025, from 10:00 UTC: its zone in words, then its IANA name.
    const path = `/api/meetings/${DEMO_MEETING.id}/pack`;
    const md = await http<string>(server.baseUrl, 'GET', `${path}.md`, { cookie: secretariat.cookie });
    expect(md.body).toMatch(/^25\s*–\s*27 February 2025 \| 10:00 Coordinated Universal Time \(UTC\) \| Hybrid$/m);
    const html = await http<string>(server.baseUrl, 'GET', `${path}.html`, { cookie: secretariat.cookie });
    expect(html.body).toMatch(
      /<p class="dateline">25\s*–\s*27 February 2025 \| 10:00 Coordinated Universal Time \(UTC\) \| Hybrid<\/p>/,
    );
    const docx = await fetch(`${server.baseUrl}${path}.docx`, { headers: { cookie: secretariat.cookie } });
    const paragraphs = docxParagraphs(new Uint8Array(await docx.arrayBuffer()));
    expect(
      paragraphs.some((paragraph) =>
        /^25\s*–\s*27 February 2025 \| 10:00 Coordinated Universal Time \(UTC\) \| Hybrid$/.test(paragraph),
      ),
    ).toBe(true);
    const french = await http<string>(server.baseUrl, 'GET', `${path}.md?lang=fr`, { cookie: secretariat.cookie });
    expect(french.body).toMatch(/^25–27 février 2025 \| 10:00 temps universel coordonné \(UTC\) \| Hybride$/m);
    // The form in the reader's language too, in every format (it said "Hybrid" whatever the language).
    const es = (format: string) => `${path}.${format}?lang=es`;
    const spanish = await http<string>(server.baseUrl, 'GET', es('md'), { cookie: secretariat.cookie });
    expect(spanish.body).toMatch(/^25–27 de febrero de 2025 \| 10:00 tiempo universal coordinado \(UTC\) \| Híbrida$/m);
    const spanishHtml = await http<string>(server.baseUrl, 'GET', es('html'), { cookie: secretariat.cookie });
    expect(spanishHtml.body).toMatch(/<p class="dateline">[^<]*\| 10:00 tiempo universal coordinado \(UTC\) \| Híbrida<\/p>/);
    const spanishDocx = await fetch(`${server.baseUrl}${es('docx')}`, { headers: { cookie: secretariat.cookie } });
    const spanishParagraphs = docxParagraphs(new Uint8Array(await spanishDocx.arrayBuffer()));
    expect(
      spanishParagraphs.some((paragraph) => /\| 10:00 tiempo universal coordinado \(UTC\) \| Híbrida$/.test(paragraph)),
    ).toBe(true);
    const russian = await http<string>(server.baseUrl, 'GET', `${path}.md?lang=ru`, { cookie: secretariat.cookie });
    expect(russian.body).toMatch(/\| 10:00 по часовому поясу «Всемирное координированное время» \(UTC\) \| Гибридный формат$/m);
    expect(russian.body).not.toMatch(/\| Hybrid$/m);
  });

  it('punctuates its labels as the reader’s language does, in the pack and the actions’ calendar', async () => {
    const path = `/api/meetings/${SEED_MEETING.id}`;
    const french = await http<string>(server.baseUrl, 'GET', `${path}/pack.md?lang=fr`, { cookie: secretariat.cookie });
    expect(french.body).toContain('Intervenant : IGF Secretariat');
    expect(french.body).toContain('Responsable : IGF Secretariat · Échéance : ');
    const calendar = await http<string>(server.baseUrl, 'GET', `${path}/actions.ics?lang=fr`, { cookie: secretariat.cookie });
    // iCalendar folds long lines (CRLF and a space) and escapes the description's line breaks.
    const unfolded = calendar.body.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toContain('\\nResponsable : IGF Secretariat\\nÉchéance : ');
    expect(unfolded).toContain('SUMMARY:Échéance : ');
    expect(unfolded).not.toMatch(/(Responsable|Échéance|État):/);
    // English reads as it always has (a named version's cited Markdown is English).
    const english = await http<string>(server.baseUrl, 'GET', `${path}/actions.ics`, { cookie: secretariat.cookie });
    expect(english.body.replace(/\r\n[ \t]/g, '')).toContain('\\nOwner: IGF Secretariat\\nDue: ');
  });

  it('links attachments absolutely, on the board’s public origin, so the links work in a circulated file', async () => {
    const form = new FormData();
    form.append('file', new Blob([new TextEncoder().encode('# Timeline notes\n')]), 'Timeline notes.md');
    const uploaded = await fetch(`${server.baseUrl}/api/meetings/${DEMO_MEETING.id}/attachments?itemId=oc1-timeline`, {
      method: 'POST',
      headers: { cookie: secretariat.cookie },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const { id } = (await uploaded.json()) as { id: string };
    // The test server's PUBLIC_ORIGIN is its own address.
    const link = `${server.baseUrl}/api/attachments/${id}`;
    const md = (
      await http<string>(server.baseUrl, 'GET', `/api/meetings/${DEMO_MEETING.id}/pack.md`, { cookie: secretariat.cookie })
    ).body;
    expect(md).toContain(`[Timeline notes.md](<${link}>) — `);
    expect(md).not.toContain('](</api/');
    const html = (
      await http<string>(server.baseUrl, 'GET', `/api/meetings/${DEMO_MEETING.id}/pack.html`, { cookie: secretariat.cookie })
    ).body;
    expect(html).toContain(`<a href="${link}">Timeline notes.md</a>`);
  });

  it('is for signed-in people only', async () => {
    for (const path of ['pack.md', 'pack.html', 'pack.docx', 'actions.ics']) {
      expect((await http(server.baseUrl, 'GET', `/api/meetings/${SEED_MEETING.id}/${path}`)).status).toBe(401);
    }
    expect(
      (await http(server.baseUrl, 'GET', '/api/meetings/no-such-meeting/pack.md', { cookie: secretariat.cookie })).status,
    ).toBe(404);
  });

  it('renders what people write inertly: escaped text, no script, no javascript: or data: link', async () => {
    const name = agendaDoc(SEED_MEETING.id);
    const peer = peerOf(secretariat, name);
    await synced(peer);
    const item = agendaItemElements(peer.doc).get('mag1-aob')!;
    appendNote(item, '<script>alert("pwned")</script> & <img src=x onerror=alert(1)>');
    appendNote(item, 'a dangerous link', { link: { href: 'javascript:alert(1)' } });
    appendNote(item, 'a data link', { link: { href: 'data:text/html,<script>alert(1)</script>' } });
    appendNote(item, 'a fine link', { link: { href: 'https://www.intgovforum.org/' } });
    await acknowledged(peer);
    const created = await http(server.baseUrl, 'POST', `/api/meetings/${SEED_MEETING.id}/actions`, {
      cookie: secretariat.cookie,
      body: {
        text: 'Check <b onmouseover="x()">this</b> *now*',
        owner: { kind: 'body', label: '<i>DCs</i>' },
        agendaItemId: 'mag1-aob',
      },
    });
    expect(created.status).toBe(201);

    const page = await http<string>(server.baseUrl, 'GET', `/api/meetings/${SEED_MEETING.id}/pack.html`, {
      cookie: secretariat.cookie,
    });
    const html = page.body;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<[^>]*\son\w+=/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/href="data:/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
    expect(html).toContain('Check &lt;b onmouseover=&quot;x()&quot;&gt;this&lt;/b&gt; *now*');
    expect(html).toContain('a dangerous link');
    expect(html).toContain('<a href="https://www.intgovforum.org/" rel="noopener noreferrer nofollow">a fine link</a>');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");

    const md = (
      await http<string>(server.baseUrl, 'GET', `/api/meetings/${SEED_MEETING.id}/pack.md`, { cookie: secretariat.cookie })
    ).body;
    // Only escaped: a Markdown renderer shows `\<script\>` as text.
    expect(md).not.toMatch(/(^|[^\\])<script/im);
    expect(md).not.toMatch(/\]\(<?javascript:/i);
    expect(md).toContain('\\<script\\>');
    expect(md).toContain('[a fine link](<https://www.intgovforum.org/>)');
  });
});
