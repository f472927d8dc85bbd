/**
 * Rows grouped by `keyOf(row)`: groups in the order their first row came, rows within a group in
 * the order they came. Each row is pushed onto its group's array, so grouping n rows costs n steps
 * (a group copied on every row, `[...group, row]`, cost the square of its size). Used by migrations
 * that rewrite rows one by one and must first find those that would become twins.
 */
export function groupBy<Row, Key>(rows: Iterable<Row>, keyOf: (row: Row) => Key): Map<Key, Row[]> {
  const groups = new Map<Key, Row[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
