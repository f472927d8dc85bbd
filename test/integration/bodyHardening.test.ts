/**
 * What a JSON body may carry, whatever the route: text that can be stored and read back exactly
 * (no NUL character, no lone UTF-16 surrogate, as comments already required), and values of the
 * type the schema says, never coerced (a number sent where text is expected used to be stored as
 * text). Query strings are still read as the schema's types.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import type { ActionDto } from '../../shared/schemas/actions.ts';
import { login, type Session } from '../helpers/clients.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const { server, call } = serverSuite();
const MEETING = DEMO_MEETING.id;
const people: Record<string, Session> = {};

beforeAll(async () => {
  for (const name of ['secretariat', 'kwame']) people[name] = await login(server.baseUrl, `${name}@example.org`);
});

type Sample = { name: string; who: string; path: string; body: (text: string) => unknown; field: string };

/** A free-text field of each kind a person can write, as the route's body expects it. */
const SAMPLES: Sample[] = [
  {
    name: 'an action item',
    who: 'kwame',
    path: `/api/meetings/${MEETING}/actions`,
    body: (text) => ({ text, owner: { kind: 'role', role: 'secretariat', label: 'IGF Secretariat' } }),
    field: 'text',
  },
  {
    name: 'an owner’s label',
    who: 'kwame',
    path: `/api/meetings/${MEETING}/actions`,
    body: (text) => ({ text: 'Circulate the notes', owner: { kind: 'role', role: 'secretariat', label: text } }),
    field: 'owner.label',
  },
  {
    name: 'a question from the floor',
    who: 'kwame',
    path: `/api/meetings/${MEETING}/questions`,
    body: (text) => ({ text }),
    field: 'text',
  },
  {
    name: 'a meeting’s title',
    who: 'secretariat',
    path: '/api/meetings',
    body: (title) => ({ title, startsOn: '2030-01-10', endsOn: '2030-01-10', timeZone: 'UTC', format: 'online' }),
    field: 'title',
  },
  { name: 'a token’s name', who: 'kwame', path: '/api/tokens', body: (name) => ({ name, scopes: ['read'] }), field: 'name' },
  {
    name: 'a webhook’s description',
    who: 'secretariat',
    path: '/api/webhooks',
    body: (description) => ({ url: 'https://example.org/hook', kinds: ['poll.opened'], description }),
    field: 'description',
  },
];

const actionsOf = async () =>
  (await call<ActionDto[]>(people.secretariat!, 'GET', `/api/meetings/${MEETING}/actions`)).body.map((action) => action.text);

describe('text that cannot be stored and read back exactly', () => {
  for (const sample of SAMPLES) {
    it(`refuses a NUL character and a lone surrogate in ${sample.name}, naming the field`, async () => {
      for (const text of ['Follow up\u0000 with the MAG', 'Follow up \ud83d with the MAG', '\udc00']) {
        const refused = await call(people[sample.who]!, 'POST', sample.path, sample.body(text));
        expect(refused.status, JSON.stringify(text)).toBe(400);
        expect(refused.body.error).toMatchObject({ code: 'BAD_REQUEST', details: { field: sample.field } });
      }
    });
  }

  it('stores nothing of a refused action, and an action with an emoji and accents exactly as sent', async () => {
    const before = await actionsOf();
    await call(people.kwame!, 'POST', `/api/meetings/${MEETING}/actions`, SAMPLES[0]!.body('Nul\u0000 here'));
    expect(await actionsOf()).toEqual(before);
    const text = 'Résumé for the MAG 😀 (ok)';
    const stored = await call<ActionDto>(people.kwame!, 'POST', `/api/meetings/${MEETING}/actions`, SAMPLES[0]!.body(text));
    expect(stored.status).toBe(201);
    expect(stored.body.text).toBe(text);
  });
});

describe('types of a JSON body', () => {
  it('refuses a number or a boolean where text is expected, naming the field, instead of storing it as text', async () => {
    const before = await actionsOf();
    for (const text of [123, true]) {
      const refused = await call(people.kwame!, 'POST', `/api/meetings/${MEETING}/actions`, SAMPLES[0]!.body(text as never));
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'text' } });
    }
    expect(await actionsOf()).toEqual(before);
    const question = await call(people.kwame!, 'POST', `/api/meetings/${MEETING}/questions`, { text: 42 });
    expect(question.body.error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'text' } });
  });

  it('refuses text where a number or a boolean is expected', async () => {
    const token = await call(people.kwame!, 'POST', '/api/tokens', { name: 'Calendar', scopes: ['read'], expiresAt: null });
    expect(token.body.error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'expiresAt' } });
    const settings = await call(people.secretariat!, 'PUT', `/api/meetings/${MEETING}/questions/settings`, {
      requireApproval: 'true',
    });
    expect(settings.body.error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'requireApproval' } });
  });

  it('still reads a query string’s numbers and booleans', async () => {
    const list = await call<{ items: unknown[] }>(people.kwame!, 'GET', '/api/notifications?limit=1&unread=true');
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeLessThanOrEqual(1);
  });
});
