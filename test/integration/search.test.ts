/**
 * Search over HTTP: multilingual demo content found with highlighted snippets and links to the
 * exact place; words written with decomposed marks marked whole; agenda text indexed when the agenda is stored; a hidden comment's body never
 * found; signed-out people find nothing; a per-person rate limit.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { SERVER_TEXT } from '../../server/src/i18n/serverText.ts';
import { loadStoredDoc } from '../../server/src/meetingRecord/agendaDocument.ts';
import { GDC_PROPOSAL_ID, GDC_PROPOSAL_TITLE } from '../../server/src/proposals/demoProposals.ts';
import { DocumentIndexer } from '../../server/src/search/documentIndexer.ts';
import { createSearchIndex } from '../../server/src/search/searchIndex.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import type { SearchResult } from '../../shared/schemas/search.ts';
import { acknowledged, login, type Session, synced } from '../helpers/clients.ts';
import { appendUntitledItem } from '../helpers/meetingRecord.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const { server, call, peer } = serverSuite();
const MEETING = DEMO_MEETING.id;
let secretariat: Session;
let observer: Session;
let sofia: Session;

beforeAll(async () => {
  secretariat = await login(server.baseUrl, 'secretariat@example.org');
  observer = await login(server.baseUrl, 'tomas@example.org');
  sofia = await login(server.baseUrl, 'sofia@example.org');
});

const search = async (who: Session | null, q: string, meetingId: string | null = MEETING) => {
  const response = await call<{ results: SearchResult[] }>(
    who,
    'GET',
    `/api/search?q=${encodeURIComponent(q)}${meetingId ? `&meetingId=${meetingId}` : ''}`,
  );
  return response;
};
const marked = (result: SearchResult) => result.matches.map(([start, end]) => result.snippet.slice(start, end));

describe('search', () => {
  it('finds the Arabic, Chinese and Russian comments, marks the words and links to the thread', async () => {
    for (const [query, word] of [
      ['الشباب', 'الشباب'],
      ['青年论坛', '青年论坛'],
      ['восточной', 'Восточной'],
    ] as const) {
      const { status, body } = await search(observer, query);
      expect(status).toBe(200);
      const comment = body.results.find((result) => result.kind === 'comment');
      expect(comment, query).toBeDefined();
      expect(marked(comment!)).toContain(word);
      expect(comment!.title).toBe(GDC_PROPOSAL_TITLE);
      expect(comment!.link).toMatch(new RegExp(`^/meetings/${MEETING}/proposals/${GDC_PROPOSAL_ID}#thread-[0-9a-f-]+$`));
    }
  });

  it('groups results by kind and finds English across the cycle, whatever the case and accents', async () => {
    const { body } = await search(sofia, 'GLOBAL DIGITAL compact', null);
    const kinds = body.results.map((result) => result.kind);
    expect(kinds).toContain('proposal');
    expect([...kinds].sort((a, b) => kinds.indexOf(a) - kinds.indexOf(b))).toEqual(kinds);
    const proposal = body.results.find((result) => result.kind === 'proposal')!;
    expect(proposal.link).toBe(`/meetings/${MEETING}/proposals/${GDC_PROPOSAL_ID}`);
    expect(marked(proposal).map((word) => word.toLowerCase())).toContain('global');
    // Across the cycle, each result names its meeting (two meetings may share an item's title).
    expect(proposal.meetingTitle).toBe(DEMO_MEETING.title);
    const meetings = await call<{ id: string; title: string }[]>(sofia, 'GET', '/api/meetings');
    const titles = new Map(meetings.body.map((meeting) => [meeting.id, meeting.title]));
    for (const result of body.results) expect(result.meetingTitle).toBe(titles.get(result.meetingId));
  });

  it('indexes the agenda text when the document is stored, and links to the item', async () => {
    // The seeded agenda was stored before the server ran: indexed once, at the first search.
    const seeded = (await search(observer, 'Comments on the draft IGF 2025 timeline')).body.results;
    expect(seeded.find((result) => result.kind === 'agendaItem')?.link).toBe(`/meetings/${MEETING}?tab=agenda#item-oc1-timeline`);
    const { store } = server.app;
    const indexer = new DocumentIndexer(store, createSearchIndex(store.db), server.app.http.log);
    const doc = await loadStoredDoc(store.documents, agendaDoc(MEETING));
    await indexer.indexDocument(agendaDoc(MEETING), doc);
    doc.destroy();
    const { body } = await search(observer, 'MAG timeline');
    const item = body.results.find((result) => result.kind === 'agendaItem');
    expect(item?.link).toBe(`/meetings/${MEETING}?tab=agenda#item-oc1-timeline`);
  });

  it('names an agenda item without a title as untitled in the reader’s language, and finds it by its own words only', async () => {
    const agenda = peer(secretariat, agendaDoc(MEETING));
    await synced(agenda);
    const remove = appendUntitledItem(agenda.doc, 'untitled-search-item', 'Zanzibar ferry timetable for the delegates');
    await acknowledged(agenda);
    const { store } = server.app;
    const indexer = new DocumentIndexer(store, createSearchIndex(store.db), server.app.http.log);
    const reindex = async () => {
      const doc = await loadStoredDoc(store.documents, agendaDoc(MEETING));
      await indexer.indexDocument(agendaDoc(MEETING), doc);
      doc.destroy();
    };
    await reindex();
    try {
      const found = async (q: string, lang?: string) => {
        const path = `/api/search?q=${encodeURIComponent(q)}&meetingId=${MEETING}${lang ? `&lang=${lang}` : ''}`;
        const { body } = await call<{ results: SearchResult[] }>(observer, 'GET', path);
        return body.results.find((result) => result.kind === 'agendaItem' && result.id.endsWith(':untitled-search-item'));
      };
      for (const language of ['ru', 'ar', 'fr'] as const)
        expect((await found('Zanzibar ferry', language))?.title, language).toMatch(
          new RegExp(`^\\d+\\. ${SERVER_TEXT[language].untitledItem.replace(/[()]/g, '\\$&')}$`),
        );
      // Without a language asked for, the document's default.
      expect((await found('Zanzibar ferry'))?.title).toMatch(/^\d+\. \(untitled item\)$/);
      // Found by its note, marked there, under the reader's title.
      const french = await found('Zanzibar ferry', 'fr');
      expect(french && marked(french)).toEqual(['Zanzibar', 'ferry']);
      // "(untitled item)" is the board's name for it, in no document: the English words found it, for
      // every reader, and a French one saw "untitled item" marked under "(point sans titre)".
      for (const language of [undefined, 'fr', 'en'])
        for (const q of ['untitled item', 'untitled', SERVER_TEXT.fr.untitledItem])
          expect(await found(q, language), `${q} (${language ?? 'no language'})`).toBeUndefined();
    } finally {
      remove();
      await acknowledged(agenda);
      await reindex();
    }
  });

  it('shows an action’s owner by name and matches none of the JSON it is stored as', async () => {
    for (const query of ['kind', 'label', 'role', '"']) {
      const { body } = await search(observer, query);
      expect(
        body.results.filter((result) => result.kind === 'action'),
        query,
      ).toEqual([]);
    }
    const { body } = await search(observer, 'IGF Secretariat');
    const action = body.results.find((result) => result.kind === 'action');
    expect(action).toBeDefined();
    expect(action!.snippet).toBe('IGF Secretariat');
    expect(marked(action!)).toEqual(['IGF', 'Secretariat']);
  });

  it('finds an Arabic word with hamza typed with or without it, and marks it as written', async () => {
    await server.app.store.db.run('UPDATE working_groups SET description = ? WHERE meeting_id = ?', [
      'حوكمة الإنترنت والتعاون الرقمي العالمي',
      MEETING,
    ]);
    for (const query of ['الإنترنت', 'الانترنت', 'إنترنت']) {
      const { body } = await search(observer, query);
      const group = body.results.find((result) => result.kind === 'workingGroup');
      expect(group, query).toBeDefined();
      expect(marked(group!), query).toEqual([query.startsWith('ال') ? 'الإنترنت' : 'إنترنت']);
    }
  });

  it('marks a word written with decomposed marks whole: a Latin accent, Arabic harakat, Vietnamese stacked marks', async () => {
    // As some keyboards and PDFs write them: é as e + U+0301, ệ as e + U+0302 + U+0323, kasra and sukun after the letters.
    await server.app.store.db.run('UPDATE working_groups SET description = ? WHERE meeting_id = ?', [
      'Les cafe\u0301s de Vie\u0302\u0323t Nam et الإِنْتَرْنِتِ',
      MEETING,
    ]);
    const expected: Record<string, string> = {
      cafes: 'cafe\u0301s',
      viet: 'Vie\u0302\u0323t',
      الانترنت: 'الإِنْتَرْنِتِ',
    };
    for (const [query, word] of Object.entries(expected)) {
      const { body } = await search(observer, query);
      const group = body.results.find((result) => result.kind === 'workingGroup');
      expect(group, query).toBeDefined();
      expect(marked(group!), query).toEqual([word]);
    }
  });

  it('never finds a hidden comment’s body', async () => {
    const before = await search(observer, 'Поддерживаю');
    const comment = before.body.results.find((result) => result.kind === 'comment')!;
    expect(comment).toBeDefined();
    const hidden = await call(secretariat, 'DELETE', `/api/comments/${comment.id}`, { reason: 'Off topic for this test' });
    expect(hidden.status).toBe(204);
    expect((await search(observer, 'Поддерживаю')).body.results).toEqual([]);
    expect((await search(secretariat, 'Поддерживаю')).body.results).toEqual([]);
  });

  it('finds nothing for signed-out people and refuses a bad query', async () => {
    expect((await search(null, 'timeline')).status).toBe(401);
    expect((await search(observer, '')).status).toBe(400);
    expect((await search(observer, 'timeline', 'no-such-meeting')).status).toBe(404);
  });

  it('limits searches per person', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++) statuses.push((await search(sofia, `limit ${i}`)).status);
    expect(statuses.slice(0, 50).every((status) => status === 200)).toBe(true);
    expect(statuses).toContain(429);
    // Another person is not held back.
    expect((await search(observer, 'timeline')).status).toBe(200);
  });
});
