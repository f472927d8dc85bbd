/**
 * `?, ?, ?` for an `IN (…)` list of `count` values. Such a statement's text depends on the length
 * of its list, which statementCache.ts and postgresDb.ts recognise and keep apart from the rest.
 */
export const placeholders = (count: number): string => Array.from({ length: count }, () => '?').join(', ');
