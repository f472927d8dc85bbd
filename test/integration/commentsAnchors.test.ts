/**
 * Anchored threads follow their passage: two clients edit a proposal at the same time, before
 * the passage, at its edges and inside it, and the thread still points at it; when the passage is
 * deleted the thread says so and keeps its quote. The anchors are made and resolved by the same
 * functions the editor uses (shared/commentAnchors.ts).
 */
import { getSchema } from '@tiptap/core';
import { initProseMirrorDoc } from '@tiptap/y-tiptap';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { anchorsOf } from '../../server/src/proposals/proposalBody.ts';
import { passageText, resolveAnchor } from '../../shared/commentAnchors.ts';
import { agendaDoc, proposalDoc, RICH_TEXT_FIELD } from '../../shared/documentNames.ts';
import { richTextExtensions } from '../../shared/richText.ts';
import type { Anchor, ThreadDto } from '../../shared/schemas/comments.ts';
import { acknowledged, http, login, synced, waitFor, type Session } from '../helpers/clients.ts';
import { textContaining } from '../helpers/commentHelpers.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const DOC = proposalDoc('pn-gdc-implementation');
const PASSAGE = 'compare national and regional approaches';
const schema = getSchema(richTextExtensions());

const { server, peer: peerOf } = serverSuite();
let kwame: Session;
let mei: Session;
let laura: Session;

/** A client of the proposal (or of `name`) as `who`. */
const peer = (who: Session, name = DOC) => peerOf(who, name);

/** Where the anchor points in `doc` now: its text, or null when detached. */
function passageOf(doc: Y.Doc, anchor: Anchor): string | null {
  const fragment = doc.getXmlFragment(RICH_TEXT_FIELD);
  const { doc: pmDoc, mapping } = initProseMirrorDoc(fragment, schema);
  const range = resolveAnchor(fragment, mapping, anchor);
  return range && passageText(pmDoc, range.from, range.to);
}

async function storedAnchor(threadId: string, doc = DOC): Promise<Anchor> {
  const threads = await http<ThreadDto[]>(server.baseUrl, 'GET', `/api/threads?doc=${encodeURIComponent(doc)}`, {
    cookie: laura.cookie,
  });
  return threads.body.find((thread) => thread.id === threadId)!.anchor!;
}

beforeAll(async () => {
  kwame = await login(server.baseUrl, 'kwame@example.org');
  mei = await login(server.baseUrl, 'mei@example.org');
  laura = await login(server.baseUrl, 'laura@example.org');
});

describe('anchored threads', () => {
  it('keep pointing at their passage through concurrent edits before, around and inside it', async () => {
    const a = peer(kwame);
    const b = peer(mei);
    await Promise.all([synced(a), synced(b)]);
    const [anchor] = anchorsOf(a.doc, [PASSAGE]);
    const created = await http<ThreadDto>(server.baseUrl, 'POST', '/api/threads', {
      cookie: kwame.cookie,
      body: { doc: DOC, body: 'Which approaches?', anchor },
    });
    expect(created.status).toBe(201);
    expect(passageOf(a.doc, await storedAnchor(created.body.id))).toBe(PASSAGE);

    // Both edit at once, neither having seen the other's change.
    const textA = textContaining(a.doc, PASSAGE);
    const textB = textContaining(b.doc, PASSAGE);
    const startA = textA.toString().indexOf(PASSAGE);
    const startB = textB.toString().indexOf(PASSAGE);
    a.doc.transact(() => {
      textA.insert(startA + PASSAGE.length, ' [after]'); // at the end edge: stays outside
      textA.insert(startA + 'compare national'.length, ' and local'); // inside
      textA.insert(0, 'Early words. '); // before, in the same paragraph
      const first = new Y.XmlElement('paragraph');
      first.insert(0, [new Y.XmlText('A new opening paragraph.')]);
      a.doc.getXmlFragment(RICH_TEXT_FIELD).insert(0, [first]); // before, in another block
    });
    b.doc.transact(() => {
      // From the end backwards, so that each index is still the original one.
      textB.delete(startB + PASSAGE.length - ' approaches'.length, ' approaches'.length); // the end, deleted
      textB.insert(startB + PASSAGE.length - ' approaches'.length, ' practices'); // and rewritten
      textB.insert(startB + 'compare '.length, 'carefully '); // inside
      textB.insert(startB, '[before] '); // at the start edge: stays outside
    });
    await waitFor(() => a.doc.getXmlFragment(RICH_TEXT_FIELD).toString() === b.doc.getXmlFragment(RICH_TEXT_FIELD).toString(), {
      message: 'both clients to converge',
    });
    await Promise.all([acknowledged(a), acknowledged(b)]);

    // A third person, loading the document from the server, finds the passage where it now is.
    const reader = peer(laura);
    await synced(reader);
    const stored = await storedAnchor(created.body.id);
    expect(stored.quote).toBe(PASSAGE);
    const now = passageOf(reader.doc, stored);
    expect(now).toBe('compare carefully national and local and regional');
    expect(textContaining(reader.doc, 'carefully').toString()).toContain(`[before] ${now}`);
    // The text outside the passage is untouched by it, and the two writers see the same passage.
    expect(passageOf(a.doc, stored)).toBe(now);
    expect(passageOf(b.doc, stored)).toBe(now);
  });

  it('say so when the passage is deleted, and keep the quote', async () => {
    const a = peer(kwame);
    await synced(a);
    const passage = 'A policy brief on implementation gaps';
    const [anchor] = anchorsOf(a.doc, [passage]);
    const created = await http<ThreadDto>(server.baseUrl, 'POST', '/api/threads', {
      cookie: mei.cookie,
      body: { doc: DOC, body: 'Gaps?', anchor },
    });
    const text = textContaining(a.doc, passage);
    const start = text.toString().indexOf(passage);
    text.delete(start, passage.length);
    await acknowledged(a);
    const reader = peer(laura);
    await synced(reader);
    const stored = await storedAnchor(created.body.id);
    expect(passageOf(reader.doc, stored)).toBeNull();
    expect(stored.quote).toBe(passage);

    // Deleting the whole block that held a passage detaches it too.
    const [scope] = anchorsOf(a.doc, ['Prepare input to the WSIS+20 review process.']);
    const thread = await http<ThreadDto>(server.baseUrl, 'POST', '/api/threads', {
      cookie: mei.cookie,
      body: { doc: DOC, body: 'WSIS', anchor: scope },
    });
    const fragment = a.doc.getXmlFragment(RICH_TEXT_FIELD);
    const listIndex = fragment.toArray().findIndex((node) => node instanceof Y.XmlElement && node.nodeName === 'bulletList');
    fragment.delete(listIndex, 1);
    await acknowledged(a);
    await waitFor(() => !reader.doc.getXmlFragment(RICH_TEXT_FIELD).toString().includes('WSIS+20'), {
      message: 'the deletion to arrive',
    });
    expect(passageOf(reader.doc, await storedAnchor(thread.body.id))).toBeNull();
  });

  it('work the same on the agenda', async () => {
    const agenda = agendaDoc(DEMO_MEETING.id);
    const a = peer(kwame, agenda);
    const b = peer(mei, agenda);
    await Promise.all([synced(a), synced(b)]);
    const threads = await http<ThreadDto[]>(server.baseUrl, 'GET', `/api/threads?doc=${encodeURIComponent(agenda)}`, {
      cookie: laura.cookie,
    });
    const seeded = threads.body.find((thread) => thread.anchor?.quote === 'Selection of IGF MAG Working Groups')!;
    expect(passageOf(a.doc, seeded.anchor!)).toBe('Selection of IGF MAG Working Groups');
    const textA = textContaining(a.doc, 'Selection of IGF MAG Working Groups');
    const textB = textContaining(b.doc, 'Selection of IGF MAG Working Groups');
    textA.insert(0, 'Item: ');
    textB.insert('Selection of'.length, ' the');
    await waitFor(
      () => passageOf(a.doc, seeded.anchor!) === passageOf(b.doc, seeded.anchor!) && textA.toString().includes(' the'),
      {
        message: 'convergence',
      },
    );
    expect(passageOf(a.doc, seeded.anchor!)).toBe('Selection of the IGF MAG Working Groups');
  });
});
