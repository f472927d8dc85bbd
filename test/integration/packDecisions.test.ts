/**
 * The meeting pack carries the meeting's decisions, as the public page lists them: a closed poll's
 * question, ballots and each option's votes with the winner marked, in Markdown, HTML and DOCX; a
 * secret ballot's totals only, never who voted; a poll still open is no decision.
 */
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { login, type Session } from '../helpers/clients.ts';
import { docxParagraphs, xmlProblems } from '../helpers/meetingRecord.ts';
import { createMeeting } from '../helpers/meetings.ts';
import { closePoll, createPoll, openPoll, vote } from '../helpers/pollClients.ts';
import { serverSuite } from '../helpers/serverSuite.ts';
import { expectValidHtml } from '../helpers/validHtml.ts';

const { server } = serverSuite();
let secretariat: Session;
let meetingId: string;

const NAMED = 'Adopt the revised terms of reference for the Working Group on Strategy?';
const SECRET = 'Elect the rapporteur by secret ballot?';
const OPEN = 'Hold the next meeting in Riyadh?';

/** A single-choice poll with Yes and No, opened (the shared poll helpers); its id and options. */
async function yesNoPoll(question: string, secret: boolean): Promise<{ id: string; yes: string; no: string }> {
  const poll = await createPoll(server.baseUrl, secretariat, meetingId, {
    question,
    kind: 'single',
    audience: 'everyone',
    secret,
    results: 'live',
    options: [{ label: 'Yes' }, { label: 'No' }],
  });
  await openPoll(server.baseUrl, secretariat, poll.id);
  return { id: poll.id, yes: poll.options[0]!.id, no: poll.options[1]!.id };
}

const voteFor = async (who: Session, pollId: string, choice: string) =>
  expect((await vote(server.baseUrl, who, pollId, [choice])).status).toBe(200);

const pack = (format: 'md' | 'html' | 'docx', meeting = meetingId) =>
  fetch(`${server.baseUrl}/api/meetings/${meeting}/pack.${format}`, { headers: { cookie: secretariat.cookie } });

beforeAll(async () => {
  secretariat = await login(server.baseUrl, 'secretariat@example.org');
  meetingId = await createMeeting(server.baseUrl, { title: 'Decisions in the pack' });
  const mei = await login(server.baseUrl, 'mei@example.org');
  const kwame = await login(server.baseUrl, 'kwame@example.org');
  const named = await yesNoPoll(NAMED, false);
  const secret = await yesNoPoll(SECRET, true);
  const open = await yesNoPoll(OPEN, false);
  await voteFor(mei, named.id, named.yes);
  await voteFor(kwame, named.id, named.yes);
  await voteFor(mei, secret.id, secret.no);
  await voteFor(kwame, open.id, open.yes);
  for (const poll of [named, secret]) await closePoll(server.baseUrl, secretariat, poll.id);
});

describe('the decisions in the meeting pack', () => {
  it('lists each closed poll with its question and outcome in Markdown; a secret ballot’s totals only; an open poll not at all', async () => {
    const response = await pack('md');
    expect(response.status).toBe(200);
    const md = await response.text();
    const decisions = md.slice(md.indexOf('### Decisions'), md.indexOf('## Annex 1'));
    expect(md.indexOf('### Decisions')).toBeGreaterThan(0);
    expect(decisions).toContain(`- **${NAMED}** — Named ballot · 2 ballots · closed `);
    expect(decisions).toContain('   - Yes: 2 (most votes)\n   - No: 0\n');
    expect(decisions).toContain(`- **${SECRET}** — Secret ballot: totals only · 1 ballot · closed `);
    expect(decisions).toContain('   - No: 1 (most votes)');
    expect(md).not.toContain(OPEN);
    // Nobody is named: neither a voter nor anyone else in a meeting without actions.
    expect(md).not.toContain('Mei Lin');
    expect(md).not.toContain('Kwame');
  });

  it('lists them in the printable HTML, which stays valid', async () => {
    const response = await pack('html');
    expect(response.status).toBe(200);
    const page = await response.text();
    await expectValidHtml(page);
    const text = page.replace(/<[^>]+>/g, '').replace(/&#39;/g, "'");
    expect(text).toContain('Decisions');
    expect(text).toContain(`${NAMED} Named ballot · 2 ballots · closed `);
    expect(text).toContain('Yes: 2 (most votes)');
    expect(text).toContain(`${SECRET} Secret ballot: totals only · 1 ballot · closed `);
    expect(text).not.toContain(OPEN);
    expect(text).not.toContain('Mei Lin');
  });

  it('lists them in the DOCX, which stays well-formed XML', async () => {
    const response = await pack('docx');
    expect(response.status).toBe(200);
    const data = new Uint8Array(await response.arrayBuffer());
    expect(xmlProblems(strFromU8(unzipSync(data)['word/document.xml']!))).toEqual([]);
    const paragraphs = docxParagraphs(data);
    expect(paragraphs).toContain('Decisions');
    expect(paragraphs.some((line) => line.startsWith(`${NAMED}\nNamed ballot · 2 ballots · closed `))).toBe(true);
    expect(paragraphs).toContain('• Yes: 2 (most votes)');
    expect(paragraphs.some((line) => line.startsWith(`${SECRET}\nSecret ballot: totals only · 1 ballot · closed `))).toBe(true);
    expect(paragraphs).toContain('• No: 1 (most votes)');
    const text = paragraphs.join('\n');
    expect(text).not.toContain(OPEN);
    expect(text).not.toContain('Mei Lin');
  });

  it('carries the demo’s public meeting’s closed poll, as its public page does, under the heading in the reader’s language, in valid HTML', async () => {
    const md = await (
      await fetch(`${server.baseUrl}/api/meetings/${DEMO_MEETING.id}/pack.md?lang=fr`, {
        headers: { cookie: secretariat.cookie },
      })
    ).text();
    expect(md).toContain('### Décisions');
    expect(md).toContain('Continue with last year’s MAG Working Groups for the IGF 2025 cycle?');
    // The demo meeting's long title still makes valid HTML (its <title> is cut as the public pages cut theirs).
    const page = await (
      await fetch(`${server.baseUrl}/api/meetings/${DEMO_MEETING.id}/pack.html?lang=ar`, {
        headers: { cookie: secretariat.cookie },
      })
    ).text();
    await expectValidHtml(page);
    expect(page).toContain('<h2>القرارات</h2>');
    expect(page).toContain('Continue with last year’s MAG Working Groups for the IGF 2025 cycle?');
  });
});
