/**
 * A meeting title stored in SQL before the unstorable-text rule (a NUL, a lone UTF-16 surrogate) is
 * exported as storable text: U+FFFD in the pack (Markdown, the printable HTML page, DOCX, whose every
 * part stays XML and opens) and in the API's JSON. The title is written straight through the store,
 * as old data was, past the route's validation. SQLite only: PostgreSQL text never held a NUL, and its
 * driver writes a lone surrogate as U+FFFD already. Before, pack.md, pack.html and the JSON carried the
 * raw NUL and the lone surrogate (which no UTF-8 can hold), and the DOCX dropped the NUL.
 */
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { storableText } from '../../shared/storableText.ts';
import { login, type Session } from '../helpers/clients.ts';
import { docxParagraphs } from '../helpers/meetingRecord.ts';
import { createMeeting } from '../helpers/meetings.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const REPLACED = '\uFFFD';
const OLD_TITLE = 'Zebra\u0000fish \ud800habitats';
const CLEAN_TITLE = `Zebra${REPLACED}fish ${REPLACED}habitats`;

describe('exports of a meeting title stored with unstorable text', () => {
  const { server } = serverSuite();
  let secretariat: Session;
  let meetingId: string;

  beforeAll(async () => {
    secretariat = await login(server.baseUrl, 'secretariat@example.org');
    meetingId = await createMeeting(server.baseUrl, { title: 'Stored before the rule' });
    await server.app.store.meetings.update(meetingId, { title: OLD_TITLE });
    // SQLite keeps the NUL (its driver writes a lone surrogate as U+FFFD).
    expect((await server.app.store.meetings.byId(meetingId))?.title).toContain('\u0000');
  });

  /** The bytes of a file, and whether they are valid UTF-8 (a lone surrogate cannot be). */
  const download = async (file: string) => {
    const response = await fetch(`${server.baseUrl}/api/meetings/${meetingId}${file && `/${file}`}`, {
      headers: { cookie: secretariat.cookie },
    });
    expect(response.status, file).toBe(200);
    return new Uint8Array(await response.arrayBuffer());
  };
  const utf8 = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);

  it('write U+FFFD for each NUL and lone surrogate of the title in the Markdown and HTML pack', async () => {
    for (const file of ['pack.md', 'pack.html']) {
      const text = utf8(await download(file));
      expect(text, file).toContain(CLEAN_TITLE);
      expect(text, file).not.toContain('\u0000');
      expect(storableText(text), file).toBe(true);
    }
  });

  it('write U+FFFD in the DOCX pack, which opens with every part XML', async () => {
    const data = await download('pack.docx');
    expect(docxParagraphs(data).some((paragraph) => paragraph.includes(CLEAN_TITLE))).toBe(true);
    for (const [name, part] of Object.entries(unzipSync(data))) {
      expect(storableText(strFromU8(part)), name).toBe(true);
    }
  });

  it('answer the meeting’s JSON with U+FFFD, in valid UTF-8', async () => {
    const bytes = await download('');
    const meeting = JSON.parse(utf8(bytes)) as { title: string };
    expect(meeting.title).toBe(CLEAN_TITLE);
  });
});
