/**
 * The page acts on every close the server makes: each named close is a refused change (Reconnect goes
 * on from the server's copy), a close that passes with time, or one left to the person, and exactly
 * one of them; a document's close whose reason the page does not know (a server newer than the page)
 * is taken for a refused change, so that the browser's copy does not send it again for ever.
 */
import { describe, expect, it } from 'vitest';
import { closedReason, LEFT_TO_THE_PERSON, REFUSED_CHANGE, REOPEN_BY_ITSELF } from '../../client/src/collab/closedReason.ts';
import { CLOSE_EVENTS, type CloseEventName } from '../../shared/closeEvents.ts';

const names = Object.keys(CLOSE_EVENTS) as CloseEventName[];

describe('the reason of a close', () => {
  it('puts each named close in exactly one of the three kinds', () => {
    for (const name of names) {
      const kinds = [REFUSED_CHANGE, REOPEN_BY_ITSELF, LEFT_TO_THE_PERSON].filter((kind) => kind.has(name));
      expect(kinds, name).toHaveLength(1);
    }
  });

  it('names a document’s close by its reason, and one it does not know `unknown`, a refused change', () => {
    expect(closedReason({ code: 1000, reason: CLOSE_EVENTS.unstorableText.reason }, true)).toBe('unstorableText');
    expect(closedReason({ code: 1000, reason: 'a-reason-from-a-newer-server' }, true)).toBe('unknown');
    expect(REFUSED_CHANGE.has('unknown')).toBe(true);
  });

  it('leaves ordinary closes alone: the socket’s own, and Hocuspocus’s close without a reason', () => {
    expect(closedReason({ code: 1006, reason: '' }, false)).toBeNull();
    expect(closedReason({ code: 1000, reason: 'a-reason-from-a-newer-server' }, false)).toBeNull();
    expect(closedReason({ code: 1000, reason: 'Server closed the connection' }, true)).toBeNull();
    expect(closedReason({ code: 1000, reason: '' }, true)).toBeNull();
  });
});
