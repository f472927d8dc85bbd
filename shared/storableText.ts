/**
 * Whether a text can be stored and read back exactly: PostgreSQL text cannot hold NUL, and a
 * lone UTF-16 surrogate cannot be encoded as UTF-8 (it would come back as U+FFFD). Every JSON
 * body's strings are held to it (server/src/http/bodyValidation.ts); comments and proposals check
 * their texts again where they are written.
 */
export function storableText(text: string): boolean {
  return !text.includes('\u0000') && text.isWellFormed();
}

/**
 * The text with each NUL and each lone surrogate replaced by U+FFFD (the replacement character,
 * which is what UTF-8 would have made of a lone surrogate anyway): for text read from something
 * stored before it was held to `storableText` (live documents written before their updates were
 * checked), so that what the server sends out of it can itself be stored and read back.
 */
export function toStorableText(text: string): string {
  return storableText(text) ? text : text.toWellFormed().replaceAll('\u0000', '\uFFFD');
}

/**
 * A parsed JSON value with every string in it, keys included, made storable (`toStorableText`);
 * the value itself, not a copy, when every string already is (the common case).
 */
export function toStorableValue<T>(value: T): T {
  return unstorablePath(value) === undefined ? value : replaceUnstorable(value);
}

/**
 * A plain object (a parsed JSON object, an object literal): the only objects whose strings are walked, so that a
 * Date, a Buffer or a class's instance in a value sent out is kept as it is, never turned into `{}`.
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function replaceUnstorable<T>(value: T): T {
  if (typeof value === 'string') return toStorableText(value) as T;
  if (Array.isArray(value)) return value.map(replaceUnstorable) as T;
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [toStorableText(key), replaceUnstorable(item)])) as T;
  }
  return value;
}

/**
 * The path (`title`, `options.2.label`) of the first string in a parsed JSON value, keys
 * included, that cannot be stored; undefined when every one can. An empty path is the value itself.
 */
export function unstorablePath(value: unknown, path: string[] = []): string[] | undefined {
  if (typeof value === 'string') return storableText(value) ? undefined : path;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unstorablePath(item, [...path, String(index)]);
      if (found) return found;
    }
    return undefined;
  }
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (!storableText(key)) return [...path, key];
      const found = unstorablePath(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}
