/**
 * The client can say why the server closed: every named close is told apart from the others,
 * whether it arrives as a socket's CloseEvent (code and reason) or as a document's Close message
 * (reason only, code 1000), and an ordinary close is nobody's business but the reconnection's.
 */
import { describe, expect, it } from 'vitest';
import collab from '../../client/src/i18n/en/collab.json' with { type: 'json' };
import { CLOSE_EVENTS, type CloseEventName, closeEventName } from '../../shared/closeEvents.ts';

const names = Object.keys(CLOSE_EVENTS) as CloseEventName[];

describe('close events', () => {
  it('are each recognised by their code and reason, and by their reason alone', () => {
    for (const name of names) {
      expect(closeEventName(CLOSE_EVENTS[name])).toBe(name);
      expect(closeEventName({ code: 1000, reason: CLOSE_EVENTS[name].reason })).toBe(name);
    }
  });

  it('recognise a policy violation by its code whatever verdict it names', () => {
    expect(closeEventName({ code: 1008, reason: 'too-deep' })).toBe('policyViolation');
  });

  it('leave ordinary closes alone', () => {
    expect(closeEventName({ code: 1000, reason: '' })).toBeNull();
    expect(closeEventName({ code: 1006, reason: '' })).toBeNull();
  });

  it('each have a message for the person, and so does a close the page cannot name (client/src/collab/closedReason.ts)', () => {
    expect(Object.keys(collab.closed).sort()).toEqual([...names, 'unknown'].sort());
  });
});
