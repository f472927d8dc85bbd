/**
 * How request parts are validated. Fastify's Ajv coerces types, which a query string and a path
 * need (`?limit=10` arrives as text) but a JSON body does not: there `{"text": 123}` was quietly
 * stored as "123". Bodies are validated by an Ajv of their own without coercion, so a number
 * where text is expected is 400 with `details.field`; querystring, params and headers keep it.
 *
 * A body that passes its schema is then held to `storableText`: a NUL character or a lone UTF-16
 * surrogate in any of its strings (a title, an action, a question, a name) is 400 `BAD_REQUEST`
 * naming the field, as for comments, since such text cannot be stored and read back exactly.
 * A body read as one text (a route whose body schema is a string: the people import's `text/csv`)
 * is not a JSON body: its route holds it to the same rule where it can say where (the import names
 * the line and the column, server/src/users/userImport.ts), instead of a refusal naming nothing.
 */
import AjvCompiler from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';
import { unstorablePath } from '../../../shared/storableText.ts';

type Compile = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildValidator'];
type AjvOptions = NonNullable<Parameters<ReturnType<typeof AjvCompiler>>[1]>;
type ValidateFunction = ReturnType<ReturnType<ReturnType<typeof AjvCompiler>>>;

const pool = AjvCompiler();

/** Holds a body's strings to storableText once its schema has passed (Fastify reads `.errors`). */
function storable(validate: ValidateFunction): (data: unknown) => boolean {
  const check = (data: unknown): boolean => {
    if (!validate(data)) {
      check.errors = validate.errors;
      return false;
    }
    const path = unstorablePath(data);
    if (!path) {
      check.errors = null;
      return true;
    }
    check.errors = [
      {
        instancePath: path.map((part) => `/${part.replaceAll('~', '~0').replaceAll('/', '~1')}`).join(''),
        schemaPath: '#/storable',
        keyword: 'storable',
        params: {},
        message: 'contains a character that cannot be stored (a NUL character or a lone UTF-16 surrogate)',
      },
    ];
    return false;
  };
  check.errors = null as typeof validate.errors;
  return check;
}

/** The validator factory for `Fastify({ schemaController: { compilersFactory: { buildValidator } } })`. */
export const buildValidator = ((externalSchemas: Parameters<typeof pool>[0], ajvOptions?: AjvOptions) => {
  const options = ajvOptions ?? { customOptions: {}, plugins: [] };
  const coercing = pool(externalSchemas, options);
  const strict = pool(externalSchemas, {
    ...options,
    customOptions: { ...options.customOptions, coerceTypes: false },
  } as AjvOptions);
  return (route: Parameters<typeof coercing>[0]) => {
    if (route.httpPart !== 'body') return coercing(route);
    const isText = (route.schema as { type?: unknown } | undefined)?.type === 'string';
    return isText ? strict(route) : storable(strict(route));
  };
}) as unknown as Compile;
