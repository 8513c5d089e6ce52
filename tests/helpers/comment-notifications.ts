import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** The notifications a person got about one comment, as rows with their kind ('mention', 'reply'…). */
export function notificationsAboutComment(db: Kysely<Database>, userId: string, commentId: string) {
  return db
    .selectFrom('notifications')
    .select(['kind'])
    .where('user_id', '=', userId)
    .where(({ eb, ref }) => eb(ref('payload', '->>').key('commentId' as never), '=', commentId))
    .execute();
}
