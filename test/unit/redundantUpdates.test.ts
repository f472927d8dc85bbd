/**
 * addsNothing tells the update a reconnecting client sends (its sync step 2: no new structs, its
 * whole delete set) from one that changes the document.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addsNothing } from '../../server/src/collab/redundantUpdates.ts';

/** A document with text of which a middle part was deleted, and a copy made before the deletion. */
function documents() {
  const edited = new Y.Doc();
  edited.getText('t').insert(0, 'Welcoming remarks by the MAG Chair');
  const before = new Y.Doc();
  Y.applyUpdate(before, Y.encodeStateAsUpdate(edited));
  edited.getText('t').delete(10, 8);
  return { edited, before };
}

/** What a client holding `client` sends in reply to the server's state vector. */
const stepTwo = (client: Y.Doc, server: Y.Doc) => Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));

describe('addsNothing', () => {
  it('is true for a client in sync: nothing at all, or deletions the document has', () => {
    const { edited } = documents();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(edited));
    expect(addsNothing(edited, stepTwo(new Y.Doc(), edited))).toBe(true);
    const reply = stepTwo(copy, edited);
    expect(reply.length).toBeGreaterThan(2); // it does carry the delete set
    expect(addsNothing(edited, reply)).toBe(true);
  });

  it('is false for a deletion the document lacks, for new structs, and for unknown structs', () => {
    const { edited, before } = documents();
    expect(addsNothing(before, stepTwo(edited, before))).toBe(false);
    const typed = new Y.Doc();
    Y.applyUpdate(typed, Y.encodeStateAsUpdate(edited));
    typed.getText('t').insert(0, '1. ');
    expect(addsNothing(edited, stepTwo(typed, edited))).toBe(false);
    // Deletions of structs the document has never seen.
    expect(addsNothing(new Y.Doc(), stepTwo(edited, edited))).toBe(false);
  });

  it('is false for bytes that are not an update', () => {
    const { edited } = documents();
    expect(addsNothing(edited, Uint8Array.of(0, 5, 255))).toBe(false);
  });
});
