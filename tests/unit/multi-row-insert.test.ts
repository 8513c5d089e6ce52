import { describe, expect, it } from 'vitest';
import { multiRowInsert, multiTableInsert } from '../../db/multi-row-insert.ts';

describe('a multi-row insert written directly', () => {
  it('numbers the parameters row by row, in the columns’ order', () => {
    const query = multiRowInsert(
      'doc_deleters',
      ['document_id', 'client_id', 'clock'],
      [
        ['d1', 7, 0],
        ['d2', 8, 3],
      ],
    );
    expect(query.sql).toBe('insert into "doc_deleters" ("document_id", "client_id", "clock") values ($1, $2, $3), ($4, $5, $6)');
    expect(query.parameters).toEqual(['d1', 7, 0, 'd2', 8, 3]);
  });

  it('gives each row count and table its own text', () => {
    const one = multiRowInsert('doc_updates', ['document_id', 'data'], [['d', new Uint8Array([1])]]);
    const three = multiRowInsert(
      'doc_updates',
      ['document_id', 'data'],
      [
        ['a', 1],
        ['b', 2],
        ['c', 3],
      ],
    );
    const other = multiRowInsert('doc_deleters', ['document_id', 'data'], [['d', 1]]);
    expect(one.sql).toBe('insert into "doc_updates" ("document_id", "data") values ($1, $2)');
    expect(three.sql.match(/\(\$\d+, \$\d+\)/g)).toHaveLength(3);
    expect(other.sql.startsWith('insert into "doc_deleters"')).toBe(true);
    // a large batch (not kept) is written the same way
    const large = multiRowInsert(
      'doc_updates',
      ['document_id', 'data'],
      Array.from({ length: 1000 }, (_, i) => [`d${i}`, i]),
    );
    expect(large.sql.endsWith('($1999, $2000)')).toBe(true);
    expect(large.parameters).toHaveLength(2000);
  });

  it('writes several tables in one statement, numbering the parameters on from one table to the next', () => {
    const query = multiTableInsert([
      {
        table: 'doc_updates',
        columns: ['document_id', 'data'],
        rows: [
          ['d', 1],
          ['d', 2],
        ],
      },
      { table: 'doc_deleters', columns: ['document_id', 'client_id', 'clock'], rows: [['d', 7, 0]] },
    ]);
    expect(query.sql).toBe(
      'with written_0 as (insert into "doc_updates" ("document_id", "data") values ($1, $2), ($3, $4)) insert into "doc_deleters" ("document_id", "client_id", "clock") values ($5, $6, $7)',
    );
    expect(query.parameters).toEqual(['d', 1, 'd', 2, 'd', 7, 0]);
    // a table without rows is left out
    const alone = multiTableInsert([
      { table: 'doc_updates', columns: ['document_id', 'data'], rows: [['d', 1]] },
      { table: 'doc_deleters', columns: ['document_id'], rows: [] },
    ]);
    expect(alone.sql).toBe('insert into "doc_updates" ("document_id", "data") values ($1, $2)');
  });
});
