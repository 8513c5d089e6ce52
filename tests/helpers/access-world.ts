import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { signIn } from './actors.ts';
import { document, grant, organisation, user } from './fixtures.ts';
import type { ApiClient } from './http.ts';

/**
 * Everyone the access rules tell apart, around documents led by one organisation:
 * an administrator, a member of the lead organisation, members of organisations granted edit,
 * comment and view, a member of an organisation with no grant, and a member of that same
 * organisation who holds a personal (user-level) edit grant.
 */
export const ACTORS = ['admin', 'lead', 'editor', 'commenter', 'viewer', 'outsider', 'personal'] as const;
export type ActorName = (typeof ACTORS)[number];

export interface AccessWorld {
  clients: Record<ActorName, ApiClient>;
  userIds: Record<ActorName, string>;
  organisationIds: { ministry: string; lead: string; editor: string; commenter: string; viewer: string; outsider: string; extra: string };
  /** a fresh document led by the lead organisation, with the grants above */
  newDocument(title?: string): Promise<WorldDocument>;
}

export interface WorldDocument {
  id: string;
  grantIds: { editor: string; commenter: string; viewer: string; personal: string };
}

export async function createAccessWorld(db: Kysely<Database>, baseUrl: string): Promise<AccessWorld> {
  const ministry = await organisation(db, 'mre', 'ministry');
  const lead = await organisation(db, 'sante');
  const editor = await organisation(db, 'education');
  const commenter = await organisation(db, 'emploi');
  const viewer = await organisation(db, 'oim', 'international_org');
  const outsider = await organisation(db, 'culture');
  const extra = await organisation(db, 'justice');
  const homes: Record<ActorName, string> = {
    admin: ministry.id,
    lead: lead.id,
    editor: editor.id,
    commenter: commenter.id,
    viewer: viewer.id,
    outsider: outsider.id,
    personal: outsider.id,
  };
  const userIds = {} as Record<ActorName, string>;
  const clients = {} as Record<ActorName, ApiClient>;
  for (const name of ACTORS) {
    const email = `${name}@tansiq.test`;
    userIds[name] = (await user(db, homes[name], email, name === 'admin' ? 'admin' : 'member')).id;
    clients[name] = await signIn(baseUrl, email);
  }
  let counter = 0;
  return {
    clients,
    userIds,
    organisationIds: { ministry: ministry.id, lead: lead.id, editor: editor.id, commenter: commenter.id, viewer: viewer.id, outsider: outsider.id, extra: extra.id },
    async newDocument(title = `Plan d'action ${++counter}`) {
      const row = await document(db, lead.id, title);
      const personal = await db.insertInto('document_access').values({ document_id: row.id, user_id: userIds.personal, level: 'edit' }).returning('id').executeTakeFirstOrThrow();
      return {
        id: row.id,
        grantIds: {
          editor: (await grant(db, row.id, editor.id, 'edit')).id,
          commenter: (await grant(db, row.id, commenter.id, 'comment')).id,
          viewer: (await grant(db, row.id, viewer.id, 'view')).id,
          personal: personal.id,
        },
      };
    },
  };
}
