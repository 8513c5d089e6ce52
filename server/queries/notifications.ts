import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import { visibleTo } from '../policies/document.ts';

/**
 * A person's notifications that they may read now: those about no document, or about one the
 * document policy lets them see today. What a notification says of its document (a measure's
 * title, the reason a plan was returned) must not outlive the access it was written under.
 */
export function readableNotifications(db: Kysely<Database>, subject: AccessSubject) {
  return db
    .selectFrom('notifications')
    .where('notifications.user_id', '=', subject.userId)
    .where((eb) =>
      eb.or([eb('notifications.document_id', 'is', null), eb('notifications.document_id', 'in', visibleTo(db.selectFrom('documents').select('documents.id'), subject))]),
    );
}
