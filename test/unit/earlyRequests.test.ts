/**
 * The first screen's early requests (client/src/app/earlyRequests.ts): each answer goes once to the
 * first request of the same method, path and body, so that a meeting's collaboration token asked for
 * before the page rendered is the one its document uses, and no other document's.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetEarly, startEarly, takeEarly } from '../../client/src/app/earlyRequests.ts';

const calls: { path: string; init: RequestInit | undefined }[] = [];

beforeEach(() => {
  calls.length = 0;
  vi.stubGlobal('fetch', (path: string, init?: RequestInit) => {
    calls.push({ path, init });
    return Promise.resolve(new Response(JSON.stringify({ path, body: init?.body ?? null })));
  });
});
afterEach(() => {
  forgetEarly();
  vi.unstubAllGlobals();
});

describe('early requests', () => {
  it('hands a token POST to the first POST of the same document, once', async () => {
    startEarly('/api/collab-token', { doc: 'agenda:m1' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.init?.method).toBe('POST');
    expect(calls[0]!.init?.body).toBe(JSON.stringify({ doc: 'agenda:m1' }));

    expect(takeEarly('/api/collab-token', { doc: 'live:m1' })).toBeUndefined();
    expect(takeEarly('/api/collab-token')).toBeUndefined();
    const early = takeEarly('/api/collab-token', { doc: 'agenda:m1' });
    expect(early).toBeDefined();
    expect(await (await early!).json()).toEqual({ path: '/api/collab-token', body: JSON.stringify({ doc: 'agenda:m1' }) });
    expect(takeEarly('/api/collab-token', { doc: 'agenda:m1' })).toBeUndefined();
  });

  it('keeps a GET apart from a POST of the same path, and forgets both at sign-in or out', () => {
    startEarly('/api/me');
    expect(calls[0]!.init?.method).toBeUndefined();
    expect(takeEarly('/api/me', {})).toBeUndefined();
    startEarly('/api/collab-token', { doc: 'agenda:m1' });
    forgetEarly();
    expect(takeEarly('/api/me')).toBeUndefined();
    expect(takeEarly('/api/collab-token', { doc: 'agenda:m1' })).toBeUndefined();
  });
});
