import type * as Y from 'yjs';
import { bodyText, countWords, readMeasures, type MeasureFields } from '../../shared/doc-schema.ts';

/** What SQL needs of a live document. Pure: Y.Doc in, rows out. */
export interface DocumentProjection {
  bodyText: string;
  wordCount: number;
  measures: ProjectedMeasure[];
}

export interface ProjectedMeasure extends Omit<MeasureFields, 'leadOrganisationId' | 'partnerOrganisationIds'> {
  position: number;
  leadOrganisationId: string | null;
  partnerOrganisationIds: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** search text beyond this is not indexed (a very long document still finds its first ~200k characters) */
export const MAX_PROJECTED_TEXT = 200_000;

/**
 * Pure: Y.Doc in, rows out. Whatever a client wrote, the rows are ones PostgreSQL accepts: one
 * value it refuses (a NUL character, 2024-02-30) would fail the whole projection of the document
 * for as long as that value stays in it.
 */
export function projectDocument(doc: Y.Doc): DocumentProjection {
  const text = withoutNul(bodyText(doc));
  const seen = new Set<string>();
  const measures: ProjectedMeasure[] = [];
  for (const measure of readMeasures(doc)) {
    const id = withoutNul(measure.id);
    // Two rows with one id (concurrent copy, hostile client): the first one wins.
    if (!id || seen.has(id)) continue;
    seen.add(id);
    measures.push({
      ...measure,
      id,
      title: withoutNul(measure.title),
      indicator: withoutNul(measure.indicator),
      indicatorUnit: withoutNul(measure.indicatorUnit),
      notes: withoutNul(measure.notes),
      start: calendarDate(measure.start),
      due: calendarDate(measure.due),
      position: measures.length,
      leadOrganisationId: uuid(measure.leadOrganisationId),
      partnerOrganisationIds: [...new Set(measure.partnerOrganisationIds.map(uuid).filter((id): id is string => id !== null))],
    });
  }
  return { bodyText: text.slice(0, MAX_PROJECTED_TEXT), wordCount: countWords(text), measures };
}

const withoutNul = (text: string): string => (text.includes('\u0000') ? text.replaceAll('\u0000', '') : text);

const uuid = (value: string | null): string | null => (value && UUID.test(value) ? value.toLowerCase() : null);

/** YYYY-MM-DD naming a real day of years 1–9999 (JavaScript's Date.parse accepts 2024-02-30). */
export function calendarDate(value: string | null): string | null {
  const match = value ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
  return day <= daysInMonth ? value : null;
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
