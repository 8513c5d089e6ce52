import { MEASURE_FIELD_KEYS } from '../../shared/measure-model.ts';
import type { ProjectedMeasure } from './projection.ts';

/**
 * Pure rules of the measures' history (table measure_history): what a projection adds to it,
 * and what a document's measures were at a given instant.
 */

export interface MeasureHistoryEntry {
  measureId: string;
  /** null: the measure left the document */
  state: ProjectedMeasure | null;
}

/** Every field of a projected measure: the model's (shared/measure-model.ts) and its place in the document. */
const FIELDS: readonly (keyof ProjectedMeasure)[] = ['position', ...MEASURE_FIELD_KEYS];

/** One comparable text per state, whatever order its keys came back from jsonb in. */
const fingerprint = (state: ProjectedMeasure): string => JSON.stringify(FIELDS.map((field) => state[field] ?? null));

/** Entries for the measures that are new, changed or gone since the last recorded states. */
export function measureHistoryEntries(lastRecorded: ReadonlyMap<string, ProjectedMeasure | null>, projected: readonly ProjectedMeasure[]): MeasureHistoryEntry[] {
  const entries: MeasureHistoryEntry[] = [];
  const present = new Set<string>();
  for (const measure of projected) {
    present.add(measure.id);
    const last = lastRecorded.get(measure.id);
    if (!last || fingerprint(last) !== fingerprint(measure)) entries.push({ measureId: measure.id, state: measure });
  }
  for (const [measureId, last] of lastRecorded) if (last && !present.has(measureId)) entries.push({ measureId, state: null });
  return entries;
}

/** The measures as they stood at `instant`: each one's last state recorded up to then, in document order. */
export function measuresAt(history: readonly { measureId: string; recordedAt: Date; state: ProjectedMeasure | null }[], instant: Date): ProjectedMeasure[] {
  const last = new Map<string, ProjectedMeasure | null>();
  // Rows come in the order they were written (by id); a later row for the same instant wins.
  for (const row of history) if (row.recordedAt.getTime() <= instant.getTime()) last.set(row.measureId, row.state);
  return [...last.values()].filter((state): state is ProjectedMeasure => state !== null).sort((a, b) => a.position - b.position);
}

const CASABLANCA = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Africa/Casablanca',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The last millisecond of a calendar day in Morocco (the days reports are dated in). */
export function endOfMoroccanDay(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(year, month - 1, date, 23, 59, 59, 999);
  const parts = Object.fromEntries(CASABLANCA.formatToParts(new Date(guess)).map((part) => [part.type, part.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second), 999);
  return new Date(guess - (wall - guess));
}
