import type { BlockSpec } from '../../shared/doc-schema.ts';

/** Short builders so the demo texts read like text. */

export const p = (text: string): BlockSpec => ({ type: 'paragraph', text });

/** an Arabic paragraph, written right to left */
export const ar = (text: string): BlockSpec => ({ type: 'paragraph', text, dir: 'rtl' });

export const h = (text: string, level: 2 | 3 = 3): BlockSpec => ({ type: 'heading', level, text });

export const ul = (...items: string[]): BlockSpec => ({ type: 'bulletList', items });

/** An Arabic summary appended at the end of a French document. */
export const arabicSummary = (...paragraphs: string[]): BlockSpec[] => [h('ملخص', 2), ...paragraphs.map(ar)];
