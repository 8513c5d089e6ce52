import type { AttributedDiff, VersionDiff } from '../../shared/api/versions.ts';
import type { VersionComparison } from '../queries/versions-diff.ts';
import { presentVersion } from './version.ts';

/**
 * The response body `{ diff: { from, to, writers, ...AttributedDiff } }` as JSON text. The domain result is
 * already plain camelCase JSON, written by the diff worker; it is spliced in as it is rather than
 * parsed and written again on the event loop.
 */
export function presentVersionDiffJson({ from, to, diffJson, writers, deleters }: VersionComparison): string {
  // What the answer adds to the worker's AttributedDiff: together, shared/api/versions.ts's VersionDiff.
  const own: Omit<VersionDiff, keyof AttributedDiff> = { from: presentVersion(from), to: to && presentVersion(to), writers, deleters };
  const head = JSON.stringify(own);
  const rest = diffJson.slice(1, -1);
  return `{"diff":${head.slice(0, -1)}${rest ? `,${rest}` : ''}}}`;
}
