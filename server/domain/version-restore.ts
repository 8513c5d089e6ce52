import type * as Y from 'yjs';
import { bodyOf, measuresOf } from '../../shared/doc-schema.ts';
import { diffKeys } from './sequence-diff.ts';
import { cloneValue, contentKey } from './yjs-clone.ts';

export interface SequenceChange {
  kept: number;
  removed: number;
  inserted: number;
}

export interface RestoreChanges {
  body: SequenceChange;
  measures: SequenceChange;
}

/** The Yjs sequences a restore rewrites: a fragment's children or an array's items. */
type Sequence = Pick<Y.XmlFragment | Y.Array<unknown>, 'toArray' | 'delete' | 'length'> & { insert(index: number, content: any[]): void };

/**
 * Makes the body and the measures of `live` equal in content to those of `version`, as ordinary
 * Yjs edits (run it inside one transaction: connected editors receive it as one update).
 *
 * Top-level blocks and measure rows already equal to the version's are kept as they are, not
 * replaced by copies: comment anchors (relative positions) and carets inside them stay attached.
 * Everything else is removed and deep copies of the version's content inserted in its place.
 */
export function restoreContent(live: Y.Doc, version: Y.Doc): RestoreChanges {
  return {
    body: reconcile(bodyOf(live), bodyOf(version).toArray()),
    measures: reconcile(measuresOf(live) as Sequence, measuresOf(version).toArray()),
  };
}

function reconcile(target: Sequence, wanted: readonly unknown[]): SequenceChange {
  const current = target.toArray();
  // A coarse script (edit limit reached) is still a correct one, only less economical.
  const { edits } = diffKeys(current.map(contentKey), wanted.map(contentKey));
  // Copies are made before the first change: a failure while copying leaves the document untouched.
  const copies = new Map<number, unknown>();
  for (const edit of edits) if (edit.op === 'insert') copies.set(edit.b, cloneValue(wanted[edit.b]));

  const change: SequenceChange = { kept: 0, removed: 0, inserted: 0 };
  let position = 0;
  let deleting = 0;
  let inserting: unknown[] = [];
  const flush = () => {
    if (deleting > 0) target.delete(position, deleting);
    if (inserting.length > 0) target.insert(position, inserting);
    position += inserting.length;
    deleting = 0;
    inserting = [];
  };
  for (const edit of edits) {
    if (edit.op === 'equal') {
      flush();
      position++;
      change.kept++;
    } else if (edit.op === 'delete') {
      deleting++;
      change.removed++;
    } else {
      inserting.push(copies.get(edit.b));
      change.inserted++;
    }
  }
  flush();
  return change;
}
