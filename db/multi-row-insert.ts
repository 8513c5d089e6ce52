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
    text = insertText({ table, columns, rows }, 0);
    if (rows.length <= KEPT_ROW_COUNTS) insertTexts.set(key, text);
  }
  return CompiledQuery.raw(text, parametersOf([rows]));
}

export interface RowsFor {
  table: string;
  columns: readonly string[];
  rows: readonly (readonly unknown[])[];
}

/**
 * Multi-row INSERTs into several tables as one statement (the first ones as data-modifying WITH
 * queries, which PostgreSQL always runs to completion): they commit together or not at all, in
 * one round trip. Rows of a table may be none.
 */
export function multiTableInsert(inserts: readonly RowsFor[]): CompiledQuery {
  const present = inserts.filter((insert) => insert.rows.length > 0);
  if (present.length === 0) throw new Error('nothing to insert');
  if (present.length === 1) return multiRowInsert(present[0]!.table, present[0]!.columns, present[0]!.rows);
  let offset = 0;
  const texts = present.map((insert) => {
    const text = insertText(insert, offset);
    offset += insert.rows.length * insert.columns.length;
    return text;
  });
  const last = texts.pop()!;
  const text = `with ${texts.map((text, i) => `written_${i} as (${text})`).join(', ')} ${last}`;
  return CompiledQuery.raw(text, parametersOf(present.map((insert) => insert.rows)));
}

/** `insert into … values ($offset+1, …), …`: the text depends only on the table, columns and row count. */
function insertText({ table, columns, rows }: RowsFor, offset: number): string {
  const width = columns.length;
  const tuples = Array.from({ length: rows.length }, (_, row) => `(${Array.from({ length: width }, (_, column) => `$${offset + row * width + column + 1}`).join(', ')})`);
  return `insert into "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) values ${tuples.join(', ')}`;
}

function parametersOf(tables: ReadonlyArray<readonly (readonly unknown[])[]>): unknown[] {
  const parameters: unknown[] = [];
  for (const rows of tables) for (const row of rows) for (const value of row) parameters.push(value);
  return parameters;
}

const insertTexts = new Map<string, string>();
const KEPT_ROW_COUNTS = 200;
