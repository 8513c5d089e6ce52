import { readAttributedContent, readIdentifiedContent, readState } from '../domain/version-content.ts';
import type { AttributedDiff } from '../../shared/api/versions.ts';
import { attributeInsertions } from '../domain/version-diff-authors.ts';
import { diffContent } from '../domain/version-diff.ts';

export interface DiffTask {
  from: Uint8Array;
  to: Uint8Array;
}

/** Decodes both states and compares them, naming the Yjs clients behind each insertion and the items behind each deletion. Pure. */
export function runDiffTask(task: DiffTask): AttributedDiff {
  return attributeInsertions(diffContent(readState(task.from, readIdentifiedContent), readState(task.to, readAttributedContent)));
}

/** What the diff worker sends back (see runDiffTaskAsJson). */
export interface DiffResult {
  /** the AttributedDiff as JSON text */
  json: string;
  /** the Yjs client ids it names, for the caller to look up */
  clients: number[];
  /** the client ids of the deleted items it names, for the caller to look up who deleted them */
  deletedClients: number[];
}

/**
 * What the diff worker sends back: the diff as JSON text. A large diff is megabytes of small
 * objects; copying them to the main thread and serialising them there would cost it a hundred
 * milliseconds and more, where a string costs a copy.
 */
export function runDiffTaskAsJson(task: DiffTask): DiffResult {
  const diff = runDiffTask(task);
  return { json: JSON.stringify(diff), clients: diff.clients, deletedClients: diff.deletedClients };
}
