import type { TansiqDocument } from '../../api/types.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { RefusalReason } from './collab-session.ts';

/**
 * Why the content, and why the comments, are read-only for me now (null: they are not).
 * `comment` access edits nothing but comments; `view` reads both.
 */
export function readOnlyReasons(
  document: Pick<TansiqDocument, 'access' | 'archived'>,
  refused: RefusalReason | null,
  editsRefused: boolean,
): { edit: MessageKey | null; comment: MessageKey | null } {
  if (refused) return { edit: `collab.refused.${refused}`, comment: refused === 'other' ? null : `collab.refused.${refused}` };
  if (document.archived) return { edit: 'document.readOnly.archived', comment: 'comments.readOnly.archived' };
  if (document.access === 'view') return { edit: 'document.readOnly.view', comment: 'comments.readOnly.view' };
  if (document.access === 'comment') return { edit: 'document.readOnly.comment', comment: null };
  if (editsRefused) return { edit: 'document.readOnly.refused', comment: null };
  return { edit: null, comment: null };
}
