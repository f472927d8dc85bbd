/**
 * Version history of the agenda: named versions, what changed between two (with who did it),
 * restore as a new edit that every editor receives live, that is durable in the log, and that
 * keeps what another person was typing meanwhile; automatic versions after an hour of editing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { SERVER_TEXT } from '../../server/src/i18n/serverText.ts';
import { loadStoredDoc } from '../../server/src/meetingRecord/agendaDocument.ts';
import { AUTO_VERSION_AFTER_MS, VersionService } from '../../server/src/meetingRecord/versions/versionService.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import type { DiffDto, VersionDto } from '../../shared/schemas/meetingRecord.ts';
import { acknowledged, http, login, type Session, synced, waitFor } from '../helpers/clients.ts';
import { agendaItemElements, appendNote, appendUntitledItem, titleText } from '../helpers/meetingRecord.ts';
import { plainText } from '../helpers/richText.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const MEETING = DEMO_MEETING.id;
const AGENDA = agendaDoc(MEETING);

const { server, peer: peerOf } = serverSuite();
let chair: Session;
let kwame: Session;
let mei: Session;
let observer: Session;

/** A client of the agenda as `session`. */
const peer = (session: Session) => peerOf(session, AGENDA);

const saveVersion = async (session: Session, name: string) =>
  (
    await http<VersionDto>(server.baseUrl, 'POST', `/api/meetings/${MEETING}/versions`, {
      cookie: session.cookie,
      body: { name },
    })
  ).body;

beforeAll(async () => {
  chair = await login(server.baseUrl, 'chair@example.org');
  kwame = await login(server.baseUrl, 'kwame@example.org');
  mei = await login(server.baseUrl, 'mei@example.org');
  observer = await login(server.baseUrl, 'tomas@example.org');
});

describe('version history of the agenda', () => {
  it('names versions and shows what changed between two, with who inserted and who deleted', async () => {
    const kwamePeer = peer(kwame);
    await synced(kwamePeer);
    const named = await saveVersion(kwame, 'Before the break');
    expect(named).toMatchObject({ name: 'Before the break', kind: 'named', createdBy: { name: 'Kwame Asante' } });
    expect(
      (await http(server.baseUrl, 'POST', `/api/meetings/${MEETING}/versions`, { cookie: observer.cookie, body: { name: 'x' } }))
        .status,
    ).toBe(403);
    // A blank name is refused naming the field, so the form can say it beside the name.
    expect(
      (await http(server.baseUrl, 'POST', `/api/meetings/${MEETING}/versions`, { cookie: kwame.cookie, body: { name: '   ' } }))
        .body,
    ).toMatchObject({ error: { code: 'BAD_REQUEST', details: { field: 'name' } } });

    const items = agendaItemElements(kwamePeer.doc);
    appendNote(items.get('oc1-welcome')!, 'Kwame adds a welcome note');
    const title = titleText(items.get('oc1-introductions')!);
    const word = 'Short ';
    kwamePeer.doc.transact(() => title.delete(title.toString().indexOf(word), word.length));
    items.get('oc1-timeline')!.setAttribute('duration', 60 as unknown as string);
    await acknowledged(kwamePeer);

    const diff = await http<DiffDto>(
      server.baseUrl,
      'GET',
      `/api/meetings/${MEETING}/versions/diff?from=${named.id}&to=current`,
      { cookie: observer.cookie },
    );
    expect(diff.status).toBe(200);
    expect(diff.body.changed).toBe(true);
    const added = diff.body.blocks.find(
      (block) => block.change === 'added' && block.spans.some((span) => span.text.includes('Kwame adds a welcome note')),
    );
    expect(added?.by?.name).toBe('Kwame Asante');
    const titleBlock = diff.body.blocks.find(
      (block) => block.type === 'agendaItemTitle' && block.spans.some((span) => span.change === 'removed'),
    )!;
    expect(titleBlock.spans).toContainEqual({ text: word, change: 'removed', by: { id: kwame.user.id, name: 'Kwame Asante' } });
    const duration = diff.body.blocks
      .flatMap((block) => block.attributes ?? [])
      .find((attribute) => attribute.name === 'duration');
    expect(duration).toMatchObject({ from: 45, to: 60, by: { name: 'Kwame Asante' } });
    // Unchanged text is there, unmarked.
    expect(
      diff.body.blocks.some((block) =>
        block.spans.some((span) => !span.change && span.text.includes('Selection of IGF MAG Working Groups')),
      ),
    ).toBe(true);

    const same = await http<DiffDto>(
      server.baseUrl,
      'GET',
      `/api/meetings/${MEETING}/versions/diff?from=${named.id}&to=${named.id}`,
      { cookie: observer.cookie },
    );
    expect(same.body.changed).toBe(false);
  });

  it('restores a version as a new edit that everyone sees live, durable in the log, keeping what another person types meanwhile', async () => {
    const chairPeer = peer(chair);
    const meiPeer = peer(mei);
    await Promise.all([synced(chairPeer), synced(meiPeer)]);
    const version = await saveVersion(chair, 'Agreed agenda');

    // After the version: a paragraph someone added, and a changed title.
    const chairItems = agendaItemElements(chairPeer.doc);
    appendNote(chairItems.get('oc1-aob')!, 'A note that the restore takes away');
    const aobTitle = titleText(chairItems.get('oc1-aob')!);
    aobTitle.insert(aobTitle.length, ' (moved to day 2)');
    await acknowledged(chairPeer);
    await waitFor(() => plainText(meiPeer.doc).includes('(moved to day 2)'), { message: 'Mei sees the change' });

    // Mei is typing while the restore happens: her keystrokes are not at the server yet. Her
    // socket is closed before the restore (a connect() while the close is still under way is
    // ignored by the provider, and the server could still count her as connected).
    meiPeer.socket.disconnect();
    await waitFor(() => meiPeer.socket.status === 'disconnected', { message: 'Mei offline' });
    const meiTitle = titleText(agendaItemElements(meiPeer.doc).get('oc1-working-groups')!);
    meiTitle.insert(meiTitle.length, ' — Mei typing');
    const meiNote = appendNote(agendaItemElements(meiPeer.doc).get('oc1-welcome')!, 'Mei’s new paragraph');

    const logBefore = (await server.app.store.documents.history(AGENDA)).length;
    const restored = await http<{ changed: boolean; before: VersionDto; after: VersionDto }>(
      server.baseUrl,
      'POST',
      `/api/meetings/${MEETING}/versions/${version.id}/restore`,
      { cookie: chair.cookie },
    );
    expect(restored.status).toBe(200);
    expect(restored.body.changed).toBe(true);
    expect(restored.body.after).toMatchObject({ kind: 'restore', name: 'Restored “Agreed agenda”' });
    expect(restored.body.before.kind).toBe('auto');

    // The chair's editor receives the restore live.
    await waitFor(
      () =>
        !plainText(chairPeer.doc).includes('A note that the restore takes away') &&
        !plainText(chairPeer.doc).includes('(moved to day 2)'),
      {
        message: 'the restore to reach a connected editor',
      },
    );
    // It is one new update in the log, by the chair: history is not rewritten.
    const log = await server.app.store.documents.history(AGENDA);
    expect(log.length).toBe(logBefore + 1);
    expect(log[log.length - 1]!.userId).toBe(chair.user.id);
    expect(log[log.length - 1]!.seq).toBe(restored.body.after.seq);

    // Mei reconnects: her typing survives, the restore applies, and everyone converges.
    void meiPeer.socket.connect();
    await acknowledged(meiPeer);
    await waitFor(() => plainText(chairPeer.doc) === plainText(meiPeer.doc), { message: 'convergence' });
    const text = plainText(chairPeer.doc);
    expect(text).toContain('Selection of IGF MAG Working Groups — Mei typing');
    expect(text).toContain('Mei’s new paragraph');
    expect(meiNote.toString()).toBe('Mei’s new paragraph');
    expect(text).not.toContain('A note that the restore takes away');
    expect(text).not.toContain('(moved to day 2)');

    // What the store holds (snapshot and log) is the same state: a fresh load reads it.
    const stored = await loadStoredDoc(server.app.store.documents, AGENDA);
    expect(plainText(stored)).toBe(text);
    stored.destroy();

    // Only the secretariat and the chair restore.
    expect(
      (await http(server.baseUrl, 'POST', `/api/meetings/${MEETING}/versions/${version.id}/restore`, { cookie: kwame.cookie }))
        .status,
    ).toBe(403);
    const versions = await http<VersionDto[]>(server.baseUrl, 'GET', `/api/meetings/${MEETING}/versions`, {
      cookie: observer.cookie,
    });
    expect(versions.body.map((v) => v.name)).toEqual(
      expect.arrayContaining(['Agreed agenda', 'Restored “Agreed agenda”', 'Before restoring “Agreed agenda”']),
    );
    // What the automatic names are made of is stored, for each reader's page to word in its language, with the kind
    // of the version restored (named: its name is shown as typed).
    const made = (id: string) => versions.body.find((v) => v.id === id)?.origin;
    expect(made(restored.body.before.id)).toEqual({
      made: 'beforeRestore',
      versionId: version.id,
      name: 'Agreed agenda',
      kind: 'named',
    });
    expect(made(restored.body.after.id)).toEqual({
      made: 'restore',
      versionId: version.id,
      name: 'Agreed agenda',
      kind: 'named',
    });
    expect(made(version.id)).toBeUndefined();
    const row = await server.app.store.db.get<{ origin: string | null }>('SELECT origin FROM agenda_versions WHERE id = ?', [
      restored.body.before.id,
    ]);
    expect(JSON.parse(row!.origin!)).toEqual({
      made: 'beforeRestore',
      versionId: version.id,
      name: 'Agreed agenda',
      kind: 'named',
    });
  });

  it('restores the structure too: an item deleted after the version comes back with its attributes', async () => {
    const chairPeer = peer(chair);
    await synced(chairPeer);
    const version = await saveVersion(chair, 'With AOB');
    const fragment = chairPeer.doc.getXmlFragment('default');
    const index = fragment.toArray().findIndex((node) => node instanceof Y.XmlElement && node.getAttribute('id') === 'oc1-aob');
    fragment.delete(index, 1);
    await acknowledged(chairPeer);
    expect(agendaItemElements(chairPeer.doc).has('oc1-aob')).toBe(false);
    const restored = await http(server.baseUrl, 'POST', `/api/meetings/${MEETING}/versions/${version.id}/restore`, {
      cookie: chair.cookie,
    });
    expect(restored.status).toBe(200);
    await waitFor(() => agendaItemElements(chairPeer.doc).has('oc1-aob'), { message: 'the item back' });
    const item = agendaItemElements(chairPeer.doc).get('oc1-aob')!;
    expect(item.getAttribute('duration')).toBe(30);
    expect(titleText(item).toString()).toBe('Any other business');
  });

  it('lists only details that changed, each under the number and title of its own item', async () => {
    const kwamePeer = peer(kwame);
    await synced(kwamePeer);
    const items = [...agendaItemElements(kwamePeer.doc).values()];
    const [first, second] = items as [Y.XmlElement, Y.XmlElement];
    // One editor clears a start or an expected output to "", another to null or by removing it.
    kwamePeer.doc.transact(() => {
      second.setAttribute('start', '');
      second.setAttribute('expectedOutput', '');
    });
    await acknowledged(kwamePeer);
    const version = await saveVersion(kwame, 'Draft agenda as circulated');
    kwamePeer.doc.transact(() => {
      second.setAttribute('start', null as unknown as string);
      second.removeAttribute('expectedOutput');
      second.setAttribute('duration', 480 as unknown as string);
      second.setAttribute('presenter', 'Mei Chen');
    });
    await acknowledged(kwamePeer);

    const diff = (
      await http<DiffDto>(server.baseUrl, 'GET', `/api/meetings/${MEETING}/versions/diff?from=${version.id}&to=current`, {
        cookie: chair.cookie,
      })
    ).body;
    const changedItems = diff.blocks.filter((block) => block.type === 'agendaItem' && block.attributes?.length);
    expect(changedItems).toHaveLength(1);
    expect(changedItems[0]!.attributes!.map((attribute) => attribute.name).sort()).toEqual(['duration', 'presenter']);
    expect(changedItems[0]!.item).toEqual({ number: '2', title: titleText(second).toString() });
    // Every item is labelled, not only the changed one: the first is number 1 under its own title.
    expect(diff.blocks.find((block) => block.type === 'agendaItem')!.item).toEqual({
      number: '1',
      title: titleText(first).toString(),
    });
  });

  it('names an item without a title as untitled: in the diff in the reader’s language, in a named version’s Markdown in the default', async () => {
    const kwamePeer = peer(kwame);
    await synced(kwamePeer);
    const before = await saveVersion(kwame, 'Before the new item');
    // An item as the board adds it: its title empty in the shared document.
    const remove = appendUntitledItem(kwamePeer.doc, 'untitled-version-item');
    await acknowledged(kwamePeer);
    try {
      const withItem = await saveVersion(kwame, 'With the new item');
      const number = String(agendaItemElements(kwamePeer.doc).size);
      kwamePeer.doc.transact(() =>
        agendaItemElements(kwamePeer.doc).get('untitled-version-item')!.setAttribute('presenter', 'Mei'),
      );
      await acknowledged(kwamePeer);
      const diffIn = async (from: string, lang?: string) =>
        (
          await http<DiffDto>(
            server.baseUrl,
            'GET',
            `/api/meetings/${MEETING}/versions/diff?from=${from}&to=current${lang ? `&lang=${lang}` : ''}`,
            { cookie: observer.cookie },
          )
        ).body;
      // The item added since a version, and its details changed since another, each under its number and the reader's words.
      for (const [language, from] of [
        ['ru', before.id],
        ['es', withItem.id],
        ['zh', withItem.id],
      ] as const) {
        const labelled = (await diffIn(from, language)).blocks.filter(
          (block) => block.type === 'agendaItem' && block.item?.number === number,
        );
        expect(labelled.length, language).toBeGreaterThan(0);
        for (const block of labelled) expect(block.item!.title, language).toBe(SERVER_TEXT[language].untitledItem);
      }
      // No language asked for: the reader's browser's or stored one, else English.
      const plain = (await diffIn(withItem.id)).blocks.find(
        (block) => block.type === 'agendaItem' && block.item?.number === number,
      );
      expect(plain?.item?.title).toBe('(untitled item)');

      // The citable Markdown of the version (the demo meeting is public) is one text for every reader.
      const markdown = await (
        await fetch(`${server.baseUrl}/public/meetings/${MEETING}/versions/${withItem.id}.md?lang=fr`)
      ).text();
      expect(markdown).toContain(`\n## ${number}. (untitled item)\n`);
      expect(markdown).not.toMatch(new RegExp(`\\n## ${number}\\.\\s*\\n`));
    } finally {
      remove();
      await acknowledged(kwamePeer);
    }
  });

  it('saves an automatic version once an agenda has been edited for an hour since its last version', async () => {
    const service = new VersionService({ store: server.app.store, collab: server.app.collab, notify: server.app.notify });
    const kwamePeer = peer(kwame);
    await synced(kwamePeer);
    await saveVersion(kwame, 'Checkpoint');
    appendNote(agendaItemElements(kwamePeer.doc).get('oc1-welcome')!, 'An edit after the checkpoint');
    await acknowledged(kwamePeer);
    const now = Date.now();
    expect((await service.autoVersions(now)).filter((v) => v.meetingId === MEETING)).toEqual([]);
    const saved = (await service.autoVersions(now + AUTO_VERSION_AFTER_MS + 1000)).filter((v) => v.meetingId === MEETING);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.kind).toBe('auto');
    const at = now + AUTO_VERSION_AFTER_MS + 1000;
    expect(saved[0]!.origin).toEqual({ made: 'periodic', at });
    // A version saved before what it is made of was stored reads as one all the same, from its English name.
    await server.app.store.db.run('UPDATE agenda_versions SET origin = NULL WHERE id = ?', [saved[0]!.id]);
    const listed = await http<VersionDto[]>(server.baseUrl, 'GET', `/api/meetings/${MEETING}/versions`, { cookie: kwame.cookie });
    expect(listed.body.find((v) => v.id === saved[0]!.id)?.origin).toEqual({
      made: 'periodic',
      at: Math.floor(at / 60_000) * 60_000,
    });
    // Nothing new since: no second one.
    expect((await service.autoVersions(now + 3 * AUTO_VERSION_AFTER_MS)).filter((v) => v.meetingId === MEETING)).toEqual([]);
  });
});
