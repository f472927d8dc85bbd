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
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!storableText(key)) return [...path, key];
      const found = unstorablePath(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}
