import type { VersionComparison } from '../queries/versions-diff.ts';
import { presentVersion } from './version.ts';

/**
 * The response body `{ diff: { from, to, writers, ...AttributedDiff } }` as JSON text. The domain result is
 * already plain camelCase JSON, written by the diff worker; it is spliced in as it is rather than
 * parsed and written again on the event loop.
 */
export function presentVersionDiffJson({ from, to, diffJson, writers, deleters }: VersionComparison): string {
  const head = JSON.stringify({
    from: presentVersion(from),
    /** null: the document as it is now */
    to: to && presentVersion(to),
    /** who wrote under each client id named by an insertion's `by` runs; userId null: unknown */
    writers,
    /** who deleted the items named by the `del` runs: ranges of item ids, userId null: unknown */
    deleters,
  });
  const rest = diffJson.slice(1, -1);
  return `{"diff":${head.slice(0, -1)}${rest ? `,${rest}` : ''}}}`;
}
