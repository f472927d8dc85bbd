import type { SqlExecutor, SqlParam } from './db.ts';

/**
 * A table name as the code spells it (a string literal type), and rows of columns whose names are
 * all spelled so: a `string` read from a request, or an object with computed keys, does not
 * type-check. The names are put into the SQL text as they are; only the values go through placeholders.
 */
type NameInCode<N extends string> = string extends N ? never : N;
type NamedInCode<Row> = string extends keyof Row ? never : Row;

/**
 * Writes `columns` into the row whose `key` column holds the given value, only when one of them
 * differs from what is stored (`IS DISTINCT FROM`, which both SQLite and PostgreSQL read, so NULL
 * and a value differ and NULL and NULL do not), and says whether it did. The condition is the
 * UPDATE's, so of identical changes at the same moment (two tabs, a double click) one changes the
 * row and the others find nothing to change: callers record an audit entry only on `true`.
 *
 * A column given as `undefined` is left as it is; none given changes nothing. `alongside` is
 * written with a change and not compared (who changed it, when). Table, key and column names must
 * come from the code, never from input: they are written into the SQL text, and typed as string
 * literals for that reason.
 *
 *   await updateIfChanged(tx, 'users', { id }, { name: changes.name, region: changes.region });
 */
export async function updateIfChanged<
  Table extends string,
  Key extends Record<string, SqlParam>,
  Columns extends Record<string, SqlParam | undefined>,
  Stamps extends Record<string, SqlParam> = Record<never, SqlParam>,
>(
  tx: SqlExecutor,
  table: NameInCode<Table>,
  key: NamedInCode<Key>,
  columns: NamedInCode<Columns>,
  alongside?: NamedInCode<Stamps>,
): Promise<boolean> {
  const given = (Object.entries(columns) as [string, SqlParam | undefined][]).filter(
    (entry): entry is [string, SqlParam] => entry[1] !== undefined,
  );
  if (given.length === 0) return false;
  const keys = Object.entries(key) as [string, SqlParam][];
  const written = [...given, ...(Object.entries(alongside ?? {}) as [string, SqlParam][])];
  const values = given.map(([, value]) => value);
  const sql = `UPDATE ${table} SET ${written.map(([column]) => `${column} = ?`).join(', ')}
    WHERE ${keys.map(([column]) => `${column} = ?`).join(' AND ')}
    AND (${given.map(([column]) => `${column} IS DISTINCT FROM ?`).join(' OR ')})`;
  const result = await tx.run(sql, [...written.map(([, value]) => value), ...keys.map(([, value]) => value), ...values]);
  return result.changes > 0;
}
