import * as Y from 'yjs';
import { applyTextChange, measureText, type MeasureTextField } from '../../shared/doc-schema.ts';

/**
 * Someone typing into one cell, as the browser's binding does it: the input's value with a
 * character inserted at the caret, written back as the smallest change, the caret kept as a Yjs
 * relative position so that other people's typing does not move it.
 */
export class CellTypist {
  private caret: Y.RelativePosition | null = null;
  typed = 0;

  constructor(
    private readonly doc: Y.Doc,
    private readonly measureId: string,
    private readonly field: MeasureTextField,
    private readonly startAt: 'start' | 'end' = 'end',
  ) {}

  /** false when the row is gone */
  type(character: string): boolean {
    const text = measureText(this.doc, this.measureId, this.field);
    if (!text) return false;
    const value = text.toString();
    const absolute = this.caret ? Y.createAbsolutePositionFromRelativePosition(this.caret, this.doc) : null;
    const index = absolute && absolute.type === text ? absolute.index : this.startAt === 'start' ? 0 : value.length;
    applyTextChange(text, value.slice(0, index) + character + value.slice(index), index + character.length);
    // Held by the character before it (assoc -1): what others type at the same place goes after the caret, not between my characters.
    this.caret = Y.createRelativePositionFromTypeIndex(text, index + character.length, -1);
    this.typed += character.length;
    return true;
  }
}

/** Rows of the measures array, counted by id: a duplicated row shows as a count above 1. */
export function rowCopies(doc: Y.Doc): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of doc.getArray('measures').toArray()) {
    if (!(item instanceof Y.Map)) continue;
    const id = String(item.get('id'));
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}
