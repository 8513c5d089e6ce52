import { readContent, readState } from '../domain/version-content.ts';
import { diffContent, type VersionDiff } from '../domain/version-diff.ts';

export interface DiffTask {
  from: Uint8Array;
  to: Uint8Array;
}

/** Decodes both states and compares them. Pure. */
export function runDiffTask(task: DiffTask): VersionDiff {
  return diffContent(readState(task.from, readContent), readState(task.to, readContent));
}

/**
 * What the diff worker sends back: the diff as JSON text. A large diff is megabytes of small
 * objects; copying them to the main thread and serialising them there would cost it a hundred
 * milliseconds and more, where a string costs a copy.
 */
export function runDiffTaskAsJson(task: DiffTask): string {
  return JSON.stringify(runDiffTask(task));
}
