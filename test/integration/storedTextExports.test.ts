/**
 * An agenda stored before live documents refused unstorable text (a NUL character, a lone UTF-16
 * surrogate) is exported as storable text: each such character is U+FFFD in the pack (Markdown,
 * the printable HTML page, DOCX) and in the agenda items' JSON. The document is written straight
 * into the store, as the old rule left it, since the live rule now refuses it at the socket
 * (unstorableUpdates.test.ts). Before, pack.md, pack.html and the agenda items' JSON carried the
 * raw NUL to every reader and script, and the DOCX dropped it without a trace ("Zebrafish").
 */
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { agendaDoc, RICH_TEXT_FIELD } from '../../shared/documentNames.ts';
import { storableText } from '../../shared/storableText.ts';
import { http, login, type Session } from '../helpers/clients.ts';
import { appendNote, docxParagraphs } from '../helpers/meetingRecord.ts';
import { createMeeting } from '../helpers/meetings.ts';
import { BACKENDS, serverSuite } from '../helpers/serverSuite.ts';

const REPLACED = '\uFFFD';

/** An agenda of one item whose title, presenter and linked notes hold a NUL and a lone surrogate. */
function oldAgenda(): Uint8Array {
  const doc = new Y.Doc();
  const item = new Y.XmlElement('agendaItem');
  for (const [key, value] of Object.entries({ id: 'old', level: 0, day: 1, duration: 15, presenter: 'Ana\u0000 Lima' })) {
    item.setAttribute(key, value as never);
  }
  const title = new Y.XmlElement('agendaItemTitle');
  title.insert(0, [new Y.XmlText('Zebra\u0000fish habitats')]);
  item.insert(0, [title]);
  doc.getXmlFragment(RICH_TEXT_FIELD).insert(0, [item]);
  // A mark's attributes travel as JSON, whose escapes carry a lone surrogate (a plain text's cannot).
  appendNote(item, 'Okapi\u0000 notes', { link: { href: 'https://example.org/\ud800' } });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

describe.each(BACKENDS)('exports of an agenda stored with unstorable text on %s', (backend) => {
  const { server } = serverSuite({ backend, database: 'storedtextexports' });
  let secretariat: Session;
  let meetingId: string;

  beforeAll(async () => {
    secretariat = await login(server.baseUrl, 'secretariat@example.org');
    meetingId = await createMeeting(server.baseUrl, { title: 'Stored before the rule' });
    await server.app.store.documents.append(agendaDoc(meetingId), oldAgenda());
  });

  const download = async (file: string) => {
    const response = await fetch(`${server.baseUrl}/api/meetings/${meetingId}/${file}`, {
      headers: { cookie: secretariat.cookie },
    });
    expect(response.status, file).toBe(200);
    return new Uint8Array(await response.arrayBuffer());
  };

  it('write U+FFFD for each NUL in the Markdown and HTML pack', async () => {
    for (const file of ['pack.md', 'pack.html']) {
      const text = new TextDecoder().decode(await download(file));
      expect(text, file).toContain(`Zebra${REPLACED}fish habitats`);
      expect(text, file).toContain(`Okapi${REPLACED} notes`);
      expect(text, file).toContain(`Ana${REPLACED} Lima`);
      // The link's lone surrogate: U+FFFD too, the link kept.
      expect(text, file).toContain(`https://example.org/${REPLACED}`);
      expect(storableText(text), file).toBe(true);
    }
  });

  it('write U+FFFD for each NUL in the DOCX pack, whose every part stays XML', async () => {
    const data = await download('pack.docx');
    const paragraphs = docxParagraphs(data);
    expect(paragraphs.some((paragraph) => paragraph.includes(`Zebra${REPLACED}fish habitats`))).toBe(true);
    expect(paragraphs.some((paragraph) => paragraph.includes(`Okapi${REPLACED} notes`))).toBe(true);
    for (const [name, part] of Object.entries(unzipSync(data))) {
      expect(storableText(strFromU8(part)), name).toBe(true);
    }
  });

  it('answer the agenda items’ JSON with U+FFFD for each NUL', async () => {
    const items = await http<{ id: string; title: string; presenter: string }[]>(
      server.baseUrl,
      'GET',
      `/api/meetings/${meetingId}/agenda-items`,
      { cookie: secretariat.cookie },
    );
    expect(items.status).toBe(200);
    expect(items.body.map(({ id, title, presenter }) => ({ id, title, presenter }))).toEqual([
      { id: 'old', title: `Zebra${REPLACED}fish habitats`, presenter: `Ana${REPLACED} Lima` },
    ]);
  });
});
