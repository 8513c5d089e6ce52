import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { appendMeasures, blockElement, bodyOf, bodyText, countWords, type BlockSpec } from '../../shared/doc-schema.ts';
import { templateHeading, templateUpdate } from '../../shared/templates.ts';
import { projectDocument, type ProjectedMeasure } from '../collab/projection.ts';
import type { DemoDocument, DemoMeasure, DemoSections } from './types.ts';

export interface BuiltContent {
  /** the whole Y.Doc as one update: the document's single initial doc_updates row */
  update: Uint8Array;
  /** what the live projection would write: search text, counts and measure rows */
  bodyText: string;
  wordCount: number;
  measures: ProjectedMeasure[];
}

/** A demo measure as a row of the measures table holds it, its organisation codes resolved by `organisationId`. */
export function demoMeasureFields(measure: DemoMeasure, id: string, organisationId: (code: string) => string) {
  return {
    id,
    title: measure.title,
    leadOrganisationId: organisationId(measure.lead),
    partnerOrganisationIds: (measure.partners ?? []).map(organisationId),
    start: measure.start,
    due: measure.due,
    status: measure.status,
    progress: measure.progress,
    indicator: measure.indicator,
    budget: measure.budget,
  };
}

/**
 * Builds a demo document's live content: its kind's template (plus the extra blocks), each
 * section filled in under its template heading, and the action plan's measures.
 */
export function buildDocumentContent(document: DemoDocument, organisationId: (code: string) => string): BuiltContent {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, templateUpdate(document.kind, document.extra ?? [], document.language ?? 'fr'));
    doc.transact(() => {
      fillSections(bodyOf(doc), localSections(document), document.key);
      const measures = document.measures ?? [];
      if (measures.length > 0) {
        appendMeasures(
          doc,
          measures.map((measure) => demoMeasureFields(measure, randomUUID(), organisationId)),
        );
      }
    });
    const text = bodyText(doc);
    return { update: Y.encodeStateAsUpdate(doc), bodyText: text, wordCount: countWords(text), measures: projectDocument(doc).measures };
  } finally {
    doc.destroy();
  }
}

interface Run {
  heading: string;
  /** index of the first node after the heading */
  start: number;
  /** index of the next heading, or the body's length */
  end: number;
}

/** The sections keyed by the headings of the document's own template. */
function localSections(document: DemoDocument): DemoSections {
  const language = document.language ?? 'fr';
  if (language === 'fr') return document.sections;
  return Object.fromEntries(
    Object.entries(document.sections).map(([heading, blocks]) => [heading === '' ? '' : (templateHeading(document.kind, heading, language) ?? heading), blocks]),
  );
}

/** Puts each section's blocks under its heading, in place of the template's empty paragraphs. */
function fillSections(body: Y.XmlFragment, sections: DemoSections, key: string): void {
  const nodes = body.toArray();
  const runs: Run[] = [];
  let current: Run = { heading: '', start: 0, end: nodes.length };
  nodes.forEach((node, index) => {
    if (node instanceof Y.XmlElement && node.nodeName === 'heading') {
      runs.push({ ...current, end: index });
      current = { heading: plainText(node), start: index + 1, end: nodes.length };
    }
  });
  runs.push(current);

  const pending = new Map<string, BlockSpec[]>(Object.entries(sections));
  // From the last run backwards, so the indices of earlier runs stay valid.
  for (const run of runs.reverse()) {
    const blocks = pending.get(run.heading);
    if (!blocks) continue;
    pending.delete(run.heading);
    let end = run.end;
    for (let index = run.end - 1; index >= run.start; index--) {
      const node = nodes[index];
      if (node instanceof Y.XmlElement && node.nodeName === 'paragraph' && plainText(node) === '') {
        body.delete(index, 1);
        end--;
      }
    }
    body.insert(end, blocks.map(blockElement));
  }
  if (pending.size > 0) {
    throw new Error(`demo document "${key}": no template heading ${[...pending.keys()].map((heading) => `"${heading}"`).join(', ')}`);
  }
}

function plainText(element: Y.XmlElement): string {
  return element
    .toArray()
    .map((child) => (child instanceof Y.XmlText ? child.toString() : child instanceof Y.XmlElement ? plainText(child) : ''))
    .join('')
    .trim();
}
