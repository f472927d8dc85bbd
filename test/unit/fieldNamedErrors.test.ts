/** A schema refusal names the field it is about (`details.field`), so that a form can show the message beside it. */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../server/src/http/errorHandler.ts';

const app = Fastify();

beforeAll(async () => {
  await app.register(errorHandler);
  app.post(
    '/things',
    {
      schema: {
        body: {
          type: 'object',
          required: ['title'],
          additionalProperties: false,
          properties: {
            title: { type: 'string', minLength: 1 },
            anchor: { type: 'object', properties: { quote: { type: 'string', maxLength: 3 } } },
          },
        },
      },
    },
    async () => ({ ok: true }),
  );
  await app.ready();
});
afterAll(() => app.close());

const send = async (payload: unknown) => {
  const response = await app.inject({ method: 'POST', url: '/things', payload: payload as object });
  return { status: response.statusCode, error: response.json().error };
};

describe('schema refusals name their field', () => {
  it('names a value that breaks its rule', async () => {
    expect(await send({ title: '' })).toMatchObject({ status: 400, error: { code: 'BAD_REQUEST', details: { field: 'title' } } });
  });

  it('names a missing property', async () => {
    expect(await send({})).toMatchObject({ status: 400, error: { details: { field: 'title' } } });
  });

  it('names a nested property by its dotted path', async () => {
    expect(await send({ title: 'x', anchor: { quote: 'long' } })).toMatchObject({
      error: { details: { field: 'anchor.quote' } },
    });
  });

  it('accepts what is valid', async () => {
    const response = await app.inject({ method: 'POST', url: '/things', payload: { title: 'x' } });
    expect(response.statusCode).toBe(200);
  });
});
