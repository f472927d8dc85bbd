/**
 * Server-made documents in the reader's language: the person's stored language (PUT /api/me),
 * `?lang=`, or Accept-Language. The Arabic pack is a DOCX with right-to-left paragraphs and an
 * HTML page with lang="ar" dir="rtl"; Chinese text (the pack's words and a note people wrote)
 * arrives intact; the poll CSV and iCalendar speak the language too.
 */
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING, SEED_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import { acknowledged, http, login, type Session, synced } from '../helpers/clients.ts';
import { agendaItemElements, appendNote } from '../helpers/meetingRecord.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const { server, peer: peerOf } = serverSuite();
let secretariat: Session;
let member: Session;

const CHINESE_NOTE = '秘书处将于二月下旬安排联席会议：互联网治理论坛。';

beforeAll(async () => {
  secretariat = await login(server.baseUrl, 'secretariat@example.org');
  const peer = peerOf(secretariat, agendaDoc(SEED_MEETING.id));
  await synced(peer);
  appendNote(agendaItemElements(peer.doc).get('mag1-aob')!, CHINESE_NOTE);
  await acknowledged(peer);
});

/** word/document.xml of a DOCX (and word/styles.xml after it, for the document's languages). */
async function docx(path: string, cookie: string, part = 'word/document.xml'): Promise<string> {
  const response = await fetch(`${server.baseUrl}${path}`, { headers: { cookie } });
  expect(response.status).toBe(200);
  const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
  return strFromU8(files[part]!);
}

describe('the language of server-made documents', () => {
  it('stores the language on the person: PUT /api/me, then GET /api/me and the profile return it', async () => {
    const me = await http(server.baseUrl, 'GET', '/api/me', { cookie: secretariat.cookie });
    expect(me.body.language).toBeNull();
    expect((await http(server.baseUrl, 'PUT', '/api/me', { cookie: secretariat.cookie, body: { language: 'ar' } })).status).toBe(
      200,
    );
    expect((await http(server.baseUrl, 'GET', '/api/me', { cookie: secretariat.cookie })).body.language).toBe('ar');
    expect((await http(server.baseUrl, 'GET', '/api/me/profile', { cookie: secretariat.cookie })).body.language).toBe('ar');
    const refused = await http(server.baseUrl, 'PUT', '/api/me', { cookie: secretariat.cookie, body: { language: 'de' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('BAD_REQUEST');
  });

  it('makes the Arabic pack (the person’s language) a DOCX of right-to-left paragraphs', async () => {
    const xml = await docx(`/api/meetings/${SEED_MEETING.id}/pack.docx`, secretariat.cookie);
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]);
    expect(xml).toContain('<w:bidi/>');
    // Every paragraph with text is right to left, not only some.
    const withText = paragraphs.filter((p) => p.includes('<w:t'));
    expect(withText.length).toBeGreaterThan(10);
    for (const paragraph of withText) expect(paragraph).toContain('<w:bidi/>');
    expect(xml).toContain('الإجراءات المطلوبة والخطوات التالية');
    expect(xml).toContain('المرفق 1: جدول أعمال الاجتماع');
    // The user's words stay as written, the seed's English titles among them.
    expect(xml).toContain('Welcoming remarks');
  });

  it('makes the HTML pack lang="ar" dir="rtl", with time ranges isolated so they read in order', async () => {
    const page = await http<string>(server.baseUrl, 'GET', `/api/meetings/${SEED_MEETING.id}/pack.html`, {
      cookie: secretariat.cookie,
    });
    expect(page.body).toMatch(/<html lang="ar" dir="rtl">/);
    expect(page.body).toMatch(/\u2068\d{2}:\d{2}–\d{2}:\d{2}\u2069/);
  });

  it('takes ?lang= over the stored language, and keeps Chinese intact in DOCX', async () => {
    const xml = await docx(`/api/meetings/${SEED_MEETING.id}/pack.docx?lang=zh`, secretariat.cookie);
    expect(xml).not.toContain('<w:bidi/>');
    const text = xml;
    expect(text).toContain('行动事项和后续步骤');
    expect(text).toContain('附件1：会议议程');
    expect(text).toContain('2025年1月30日');
    expect(text).toContain(CHINESE_NOTE);
    expect(await docx(`/api/meetings/${SEED_MEETING.id}/pack.docx?lang=zh`, secretariat.cookie, 'word/styles.xml')).toContain(
      'w:eastAsia="zh-CN"',
    );
  });

  it('follows Accept-Language when the person chose none, and ?lang= when given', async () => {
    member = await login(server.baseUrl, 'chair@example.org');
    const md = await http<string>(server.baseUrl, 'GET', `/api/meetings/${SEED_MEETING.id}/pack.md`, {
      cookie: member.cookie,
      headers: { 'accept-language': 'de-DE, fr-CA;q=0.8, en;q=0.5' },
    });
    expect(md.body).toContain('## Mesures à prendre et prochaines étapes');
    expect(md.body).toContain('30 janvier 2025');
    const ru = await http<string>(server.baseUrl, 'GET', `/api/meetings/${SEED_MEETING.id}/pack.md?lang=ru`, {
      cookie: member.cookie,
    });
    expect(ru.body).toContain('## Меры и дальнейшие шаги');
    const en = await http<string>(server.baseUrl, 'GET', `/api/meetings/${SEED_MEETING.id}/pack.md`, { cookie: member.cookie });
    expect(en.body).toContain('## Action items & next steps');
    expect(
      (await http(server.baseUrl, 'GET', `/api/meetings/${SEED_MEETING.id}/pack.md?lang=xx`, { cookie: member.cookie })).status,
    ).toBe(400);
  });

  it('heads each day of a meeting of several days in the language’s own words for “day 2”', async () => {
    const pack = async (lang: string) =>
      (
        await http<string>(server.baseUrl, 'GET', `/api/meetings/${DEMO_MEETING.id}/pack.md?lang=${lang}`, {
          cookie: secretariat.cookie,
        })
      ).body;
    expect(await pack('en')).toContain('Day 2');
    const chinese = await pack('zh');
    expect(chinese).toContain('第2天');
    expect(chinese).not.toContain('第几天');
    expect(await pack('fr')).toContain('Jour 2');
  });

  it('writes iCalendar summaries in the language asked for', async () => {
    const ics = await http<string>(server.baseUrl, 'GET', `/api/meetings/${SEED_MEETING.id}/actions.ics?lang=es`, {
      cookie: member.cookie,
    });
    expect(ics.status).toBe(200);
    expect(ics.body).toContain('SUMMARY:Plazo: ');
  });
});
