/**
 * The floor's part of the meeting pack in the reader's language: who spoke with their stakeholder
 * group in the glossary's words, the answered questions' votes in the language's plural forms, and
 * each day's attendance with its date and words, the same in Markdown, HTML and DOCX. An Arabic or
 * French pack once said "Kwame Asante (civil-society)", "(1 votes)" and "2025-02-25: 1 in the room".
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { stripIsolates } from '../../shared/i18n/format.ts';
import type { Question } from '../../shared/schemas/floor.ts';
import type { VersionDto } from '../../shared/schemas/meetingRecord.ts';
import { login, type Session } from '../helpers/clients.ts';
import { docxParagraphs } from '../helpers/meetingRecord.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const { server, call } = serverSuite();
const MEETING = DEMO_MEETING.id;
const floorPath = `/api/meetings/${MEETING}/floor`;

let secretariat: Session;
let chair: Session;
let kwame: Session;

/** A pack's text in `format` and `lang`, isolates taken out (the right-to-left pack wraps names and questions in them). */
async function pack(format: 'md' | 'html' | 'docx', lang: string): Promise<string> {
  const path = `/api/meetings/${MEETING}/pack.${format}?lang=${lang}`;
  if (format !== 'docx') {
    const response = await call<string>(secretariat, 'GET', path);
    expect(response.status).toBe(200);
    return stripIsolates(response.body);
  }
  const response = await fetch(`${server.baseUrl}${path}`, { headers: { cookie: secretariat.cookie } });
  expect(response.status).toBe(200);
  return stripIsolates(docxParagraphs(new Uint8Array(await response.arrayBuffer())).join('\n'));
}

beforeAll(async () => {
  let mei: Session;
  let rahul: Session;
  let observer: Session;
  [secretariat, chair, kwame, mei, rahul, observer] = (await Promise.all(
    ['secretariat', 'chair', 'kwame', 'mei', 'rahul', 'tomas'].map((name) => login(server.baseUrl, `${name}@example.org`)),
  )) as [Session, Session, Session, Session, Session, Session];
  const items = (await call<{ id: string }[]>(chair, 'GET', `/api/meetings/${MEETING}/agenda-items`)).body;
  expect((await call(chair, 'PUT', `/api/meetings/${MEETING}/current-item`, { itemId: items[1]!.id })).status).toBe(200);

  // Two turns: Kwame (civil society), then Mei (technical community).
  for (const speaker of [kwame, mei]) {
    expect((await call(speaker, 'POST', `${floorPath}/hands`, {})).status).toBe(201);
    expect((await call(chair, 'POST', `${floorPath}/next`)).status).toBe(200);
    expect((await call(chair, 'POST', `${floorPath}/end-turn`)).status).toBe(200);
  }

  // Two questions answered: one with two votes, one with one.
  const ask = async (who: Session, text: string, voters: Session[]) => {
    const asked = await call<Question>(who, 'POST', `/api/meetings/${MEETING}/questions`, { text });
    expect(asked.status).toBe(201);
    for (const voter of voters) expect((await call(voter, 'PUT', `/api/questions/${asked.body.id}/vote`)).status).toBe(200);
    expect((await call(chair, 'POST', `/api/questions/${asked.body.id}/answered`)).status).toBe(200);
  };
  await ask(observer, 'Can observers join working groups?', [kwame, mei]);
  await ask(kwame, 'Where are the minutes?', [mei]);

  // The first day: the chair in the room, Kwame online; the second: three in the room, nobody online.
  const checkIn = async (who: Session, day: string, mode: 'room' | 'online') =>
    expect(
      (await call(secretariat, 'POST', `/api/meetings/${MEETING}/attendance`, { day, mode, userId: who.user.id })).status,
    ).toBe(200);
  await checkIn(chair, '2025-02-25', 'room');
  await checkIn(kwame, '2025-02-25', 'online');
  for (const who of [kwame, mei, rahul]) await checkIn(who, '2025-02-26', 'room');
});

describe('the floor in the meeting pack', () => {
  it('says the groups, the votes and the attendance in English, with the days as dates', async () => {
    const md = await pack('md', 'en');
    expect(md).toMatch(/^- Kwame Asante \(Civil society\), \d+:\d\d$/m);
    expect(md).toMatch(/^- Mei Lin \(Technical community\), \d+:\d\d$/m);
    expect(md).toContain('- Can observers join working groups? (2 votes)');
    expect(md).toContain('- Where are the minutes? (1 vote)');
    expect(md).toContain('- 25 February 2025: 1 in the room (Carlos Mendes); 1 online (Kwame Asante)');
    expect(md).toContain('- 26 February 2025: 3 in the room (Kwame Asante, Mei Lin and Rahul Verma); 0 online');
    expect(md).not.toContain('civil-society');
    expect(md).not.toContain('2025-02-25');
  });

  it('says them in French, in Markdown, HTML and DOCX alike', async () => {
    const lines = [
      'Kwame Asante (Société civile), 0:',
      'Mei Lin (Communauté technique), 0:',
      'Can observers join working groups? (2 voix)',
      'Where are the minutes? (1 voix)',
      '25 février 2025 : 1 personne dans la salle (Carlos Mendes) ; 1 personne en ligne (Kwame Asante)',
      '26 février 2025 : 3 personnes dans la salle (Kwame Asante, Mei Lin et Rahul Verma) ; 0 personne en ligne',
    ];
    for (const format of ['md', 'html', 'docx'] as const) {
      const text = await pack(format, 'fr');
      for (const line of lines) expect(text, `${format}: ${line}`).toContain(line);
      expect(text, format).not.toMatch(/in the room|online|votes\)|civil-society/);
    }
  });

  it('says them in Arabic, with its plural forms (one, two, few, none), in HTML and DOCX', async () => {
    const lines = [
      'Kwame Asante (المجتمع المدني)، 0:',
      'Mei Lin (الأوساط التقنية)، 0:',
      'Can observers join working groups? (صوتان)',
      'Where are the minutes? (صوت واحد)',
      '25 فبراير 2025: شخص واحد في القاعة (Carlos Mendes)؛ شخص واحد عبر الإنترنت (Kwame Asante)',
      '26 فبراير 2025: 3 أشخاص في القاعة (Kwame Asante وMei Lin وRahul Verma)؛ لا أحد عبر الإنترنت',
    ];
    for (const format of ['html', 'docx'] as const) {
      const text = await pack(format, 'ar');
      for (const line of lines) expect(text, `${format}: ${line}`).toContain(line);
      expect(text, format).not.toMatch(/in the room|online|votes?\)|civil-society|2025-02-2/);
    }
  });

  it('counts in Russian with its three forms', async () => {
    const md = await pack('md', 'ru');
    expect(md).toContain('Kwame Asante (Гражданское общество), 0:');
    expect(md).toContain('Can observers join working groups? (2 голоса)');
    expect(md).toContain('Where are the minutes? (1 голос)');
    expect(md).toContain('25 февраля 2025 г.: 1 человек в зале (Carlos Mendes); 1 человек онлайн (Kwame Asante)');
    expect(md).toContain('26 февраля 2025 г.: 3 человека в зале (Kwame Asante, Mei Lin и Rahul Verma); 0 человек онлайн');
  });

  it('leaves a named version’s digest alone: the floor is not in the version’s Markdown, and every language prints one SHA-256', async () => {
    const version = await call<VersionDto>(secretariat, 'POST', `/api/meetings/${MEETING}/versions`, {
      name: 'With a floor record',
    });
    expect(version.status).toBe(201);
    const markdown = await (
      await fetch(`${server.baseUrl}/public/meetings/${MEETING}/versions/${version.body.id}.md?lang=ar`)
    ).text();
    expect(markdown).toContain('With a floor record');
    expect(markdown).not.toMatch(/Kwame Asante|Carlos Mendes|Where are the minutes/);
    const digest = createHash('sha256').update(markdown).digest('hex');
    for (const lang of ['en', 'fr', 'ar']) expect(await pack('md', lang), lang).toContain(digest);
    // When it was named, in the pack's language (it was an ISO date in every language).
    const named = new Date(version.body.createdAt);
    const month = (locale: string) => named.toLocaleDateString(locale, { month: 'long', timeZone: 'UTC' });
    expect(await pack('md', 'fr')).toContain(
      `With a floor record (${named.getUTCDate()} ${month('fr')} ${named.getUTCFullYear()}`,
    );
    expect(await pack('md', 'en')).toContain(
      `With a floor record (${named.getUTCDate()} ${month('en')} ${named.getUTCFullYear()}`,
    );
  });
});
