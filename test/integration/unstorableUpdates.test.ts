/**
 * Text that cannot be stored, sent into a live document (agenda, proposal) by a Yjs client that
 * is not the page: a NUL character in a text, an attribute or a mark's name, a lone surrogate in a
 * mark's attributes (they travel as JSON, whose escapes carry one; a plain text's broken character
 * arrives as U+FFFD). Such an update ends that writer's document connection with the
 * `unstorableText` close event; nothing of it is stored or sent to anyone. Before, it was stored as
 * sent: pack.md and pack.html carried the raw NUL, every reader received it, and on PostgreSQL the
 * search index could not write the agenda (text refuses NUL), so none of its items was found.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { CLOSE_EVENTS } from '../../shared/closeEvents.ts';
import { agendaDoc, proposalDoc } from '../../shared/documentNames.ts';
import { acknowledged, http, login, type Session, synced, waitFor } from '../helpers/clients.ts';
import { agendaItemElements, appendItem, appendNote, titleText } from '../helpers/meetingRecord.ts';
import { createMeeting } from '../helpers/meetings.ts';
import { appendParagraph, plainText } from '../helpers/richText.ts';
import { BACKENDS, serverSuite } from '../helpers/serverSuite.ts';

const storable = (text: string) => !text.includes('\u0000') && text.isWellFormed();

describe.each(BACKENDS)('text that cannot be stored, in a live document on %s', (backend) => {
  const { server, peer: peerOf } = serverSuite({ backend, database: 'unstorableupdates' });
  let secretariat: Session;
  let kwame: Session;

  beforeAll(async () => {
    secretariat = await login(server.baseUrl, 'secretariat@example.org');
    kwame = await login(server.baseUrl, 'kwame@example.org');
  });

  /** A synced writer of `name`, with the reasons of every close of its document connection. */
  const writer = async (who: Session, name: string) => {
    const peer = peerOf(who, name);
    const closes: string[] = [];
    peer.provider.on('close', ({ event }: { event: { reason: string } }) => closes.push(event.reason));
    await synced(peer);
    return { peer, closes };
  };

  /** Makes `edit` from a new writer and waits until the server ends its connection for it. */
  const refused = async (who: Session, name: string, label: string, edit: (doc: Y.Doc) => void) => {
    const { peer, closes } = await writer(who, name);
    edit(peer.doc);
    await waitFor(() => closes.includes(CLOSE_EVENTS.unstorableText.reason), { message: `${label} refused` });
    peer.destroy();
  };

  it('refuses a NUL or a lone surrogate in an agenda, ending only that writer’s connection; the pack and the search read it as it was', async () => {
    const meetingId = await createMeeting(server.baseUrl, { title: 'Storable', startsOn: '2030-01-10', endsOn: '2030-01-12' });
    const name = agendaDoc(meetingId);
    const first = await writer(secretariat, name);
    appendItem(first.peer.doc, 'one', 'Zebrafish habitats', 'Okapi notes');
    await acknowledged(first.peer);
    const item = (doc: Y.Doc) => agendaItemElements(doc).get('one')!;

    await refused(secretariat, name, 'a NUL in a title', (doc) => titleText(item(doc)).insert(0, 'Nul\u0000 '));
    await refused(secretariat, name, 'a NUL in a new item’s notes', (doc) =>
      doc.transact(() => appendItem(doc, 'two', 'Second', 'Nul\u0000 notes')),
    );
    await refused(secretariat, name, 'a NUL in an attribute', (doc) => item(doc).setAttribute('presenter', 'Ana\u0000'));
    await refused(secretariat, name, 'a lone surrogate in a link', (doc) =>
      appendNote(item(doc), 'linked words', { link: { href: 'https://example.org/\ud800' } }),
    );
    await refused(secretariat, name, 'a NUL in a mark’s name', (doc) =>
      titleText(item(doc)).format(0, 3, { 'bold\u0000': true }),
    );

    // The first writer, connected all along, received none of it and was not closed.
    expect(first.closes).toEqual([]);
    expect(first.peer.doc.getXmlFragment('default').toString()).not.toContain('Nul');
    expect(storable(first.peer.doc.getXmlFragment('default').toString())).toBe(true);
    // A writer whose text can be stored goes on, accents and emoji included.
    appendNote(item(first.peer.doc), 'Café 😀 notes', { link: { href: 'https://example.org/café' } });
    await acknowledged(first.peer);
    expect(first.closes).toEqual([]);

    const pack = await http<string>(server.baseUrl, 'GET', `/api/meetings/${meetingId}/pack.md`, { cookie: secretariat.cookie });
    expect(pack.body).toContain('Zebrafish habitats');
    expect(pack.body).toContain('Café 😀 notes');
    expect(storable(pack.body)).toBe(true);
    const items = await http<{ id: string; title: string }[]>(server.baseUrl, 'GET', `/api/meetings/${meetingId}/agenda-items`, {
      cookie: secretariat.cookie,
    });
    expect(items.body.map((entry) => [entry.id, entry.title])).toEqual([['one', 'Zebrafish habitats']]);
    // The agenda is indexed once stored (debounced): its item is found by its title and its notes.
    for (const word of ['Zebrafish', 'Okapi']) {
      await waitFor(
        async () => {
          const found = await http<{ results: { id: string }[] }>(
            server.baseUrl,
            'GET',
            `/api/search?q=${word}&meetingId=${meetingId}`,
            { cookie: secretariat.cookie },
          );
          return found.body.results.some((result) => result.id === `${meetingId}:one`);
        },
        { message: `${word} found`, timeout: 15_000 },
      );
    }
  });

  it('refuses a NUL in a proposal’s text, and keeps the proposal as it was', async () => {
    const name = proposalDoc('pn-gdc-implementation');
    const reader = await writer(kwame, name);
    const before = plainText(reader.peer.doc);
    await refused(kwame, name, 'a NUL in a proposal', (doc) => appendParagraph(doc, 'A clause with a NUL\u0000 in it'));
    expect(plainText(reader.peer.doc)).toBe(before);
    expect(reader.closes).toEqual([]);
    const again = await writer(kwame, name);
    expect(plainText(again.peer.doc)).toBe(before);
  });
});
