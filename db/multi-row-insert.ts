import { CompiledQuery } from 'kysely';

/**
 * A multi-row INSERT written directly, for the hot group commits (the update log, who deleted
 * what). Kysely's builder parses and compiles a syntax tree of every row on each call: 4 % of a
 * busy relay's CPU for the update log alone (issue 20), for a statement whose text depends only
 * on its row count. The texts of the usual sizes are kept. `table` and `columns` are our own
 * constants, never input.
 */
export function multiRowInsert(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): CompiledQuery {
  const key = `${table}(${columns.join(',')})#${rows.length}`;
  let text = insertTexts.get(key);
  if (text === undefined) {
    const width = columns.length;
    const tuples = Array.from({ length: rows.length }, (_, row) => `(${Array.from({ length: width }, (_, column) => `$${row * width + column + 1}`).join(', ')})`);
    text = `insert into "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) values ${tuples.join(', ')}`;
    if (rows.length <= KEPT_ROW_COUNTS) insertTexts.set(key, text);
  }
  const parameters: unknown[] = [];
  for (const row of rows) for (const value of row) parameters.push(value);
  return CompiledQuery.raw(text, parameters);
}

const insertTexts = new Map<string, string>();
const KEPT_ROW_COUNTS = 200;
