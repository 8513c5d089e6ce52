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

export function projectDocument(doc: Y.Doc): DocumentProjection {
  const text = bodyText(doc);
  const seen = new Set<string>();
  const measures: ProjectedMeasure[] = [];
  for (const measure of readMeasures(doc)) {
    // Two rows with one id (concurrent copy, hostile client): the first one wins.
    if (seen.has(measure.id)) continue;
    seen.add(measure.id);
    measures.push({
      ...measure,
      position: measures.length,
      leadOrganisationId: measure.leadOrganisationId && UUID.test(measure.leadOrganisationId) ? measure.leadOrganisationId : null,
      partnerOrganisationIds: [...new Set(measure.partnerOrganisationIds.filter((id) => UUID.test(id)))],
    });
  }
  return { bodyText: text.slice(0, MAX_PROJECTED_TEXT), wordCount: countWords(text), measures };
}
