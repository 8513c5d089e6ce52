import fs from 'node:fs';
import { testDatabaseKind } from './database.ts';

/**
 * What a fault test measured, for the closing figures of issue 13: the edits typed, those
 * acknowledged (received by another client, or committed when nobody else was there), those lost,
 * and how long after the fault ended everyone held everything. Printed, and appended as one JSON
 * line to FAULT_FIGURES_FILE when set (`npm run bench:faults` gathers them into a table).
 * Reported, never asserted on time: speed is a benchmark.
 */
export interface FaultFigures {
  scenario: string;
  typed: number;
  /** null where edits cannot be told apart (random edits) */
  acknowledged: number | null;
  lost: number;
  /** ms from the end of the fault (restart, space freed, Redis back…) to convergence */
  convergedMs: number | null;
  /** the database, when the test chose its own rather than the suite's */
  database?: 'pglite' | 'postgres';
  note?: string;
}

export function reportFaultFigures(figures: FaultFigures): void {
  const row = { ...figures, database: figures.database ?? testDatabaseKind, convergedMs: figures.convergedMs === null ? null : Math.round(figures.convergedMs) };
  console.info(
    `[fault figures] ${row.scenario} (${row.database}): typed ${row.typed}, acknowledged ${row.acknowledged ?? 'n/a'}, lost ${row.lost}, ` +
      `converged ${row.convergedMs === null ? 'n/a' : `${row.convergedMs} ms`} after the fault ended${row.note ? `; ${row.note}` : ''}`,
  );
  const file = process.env.FAULT_FIGURES_FILE;
  if (file) fs.appendFileSync(file, `${JSON.stringify(row)}\n`);
}
