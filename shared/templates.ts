import * as Y from 'yjs';
import type { DocumentKind } from '../db/schema.ts';
import { appendBlocks, metaOf, type BlockSpec } from './doc-schema.ts';

/**
 * The starting content of a new document, per kind. Written once by the server when the
 * document is created — never by clients, which would duplicate it after every restart.
 */
const TEMPLATES: Record<DocumentKind, BlockSpec[]> = {
  action_plan: [
    { type: 'heading', level: 2, text: 'Contexte' },
    { type: 'paragraph', text: '' },
    { type: 'heading', level: 2, text: 'Objectifs stratégiques' },
    { type: 'paragraph', text: '' },
    { type: 'heading', level: 2, text: 'Mesures' },
    { type: 'paragraph', text: 'Les mesures du plan sont suivies dans le tableau des mesures.' },
    { type: 'heading', level: 2, text: 'Suivi et évaluation' },
    { type: 'paragraph', text: '' },
  ],
  cooperation_proposal: [
    { type: 'heading', level: 2, text: 'Contexte' },
    { type: 'paragraph', text: '' },
    { type: 'heading', level: 2, text: 'Objectifs' },
    { type: 'paragraph', text: '' },
    { type: 'heading', level: 2, text: 'Partenaires' },
    { type: 'paragraph', text: '' },
    { type: 'heading', level: 2, text: 'Budget' },
    { type: 'paragraph', text: '' },
    { type: 'heading', level: 2, text: 'Suivi' },
    { type: 'paragraph', text: '' },
  ],
  study: [
    { type: 'heading', level: 2, text: 'Problématique' },
    { type: 'paragraph', text: '' },
    { type: 'heading', level: 2, text: 'Méthodologie' },
    { type: 'paragraph', text: '' },
    { type: 'heading', level: 2, text: 'Résultats' },
    { type: 'paragraph', text: '' },
    { type: 'heading', level: 2, text: 'Recommandations' },
    { type: 'paragraph', text: '' },
  ],
  minutes: [
    { type: 'heading', level: 2, text: 'Présents' },
    { type: 'paragraph', text: '' },
    { type: 'heading', level: 2, text: 'Ordre du jour' },
    { type: 'paragraph', text: '' },
    { type: 'heading', level: 2, text: 'Décisions' },
    { type: 'paragraph', text: '' },
  ],
  note: [{ type: 'paragraph', text: '' }],
};

export function templateBlocks(kind: DocumentKind): readonly BlockSpec[] {
  return TEMPLATES[kind];
}

/** The template as one Yjs update (what the server stores as the document's first entry). */
export function templateUpdate(kind: DocumentKind, extraBlocks: readonly BlockSpec[] = []): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    appendBlocks(doc, [...TEMPLATES[kind], ...extraBlocks]);
    metaOf(doc).set('kind', kind);
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
