import type { VersionComparison } from '../commands/versions-diff.ts';
import { presentVersion } from './version.ts';

/** The diff as the API shows it; the domain result is already plain camelCase JSON. */
export function presentVersionDiff({ from, to, diff }: VersionComparison) {
  return {
    from: presentVersion(from),
    /** null: the document as it is now */
    to: to && presentVersion(to),
    ...diff,
  };
}
