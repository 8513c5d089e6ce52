import { toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import type { CommentAnchorText } from '../../db/schema.ts';
import { appendBlocks, bodyOf, measuresOf, newMeasureMap } from '../../shared/doc-schema.ts';
import { apiToken } from '../helpers/collab.ts';
import * as fixtures from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import type { TestServer } from '../helpers/server.ts';

/**
 * The people of the comment tests, one per row of the permission matrix, around one action plan
 * of the health department (sante):
 *   admin   coordination unit (mre)          lead    focal point of sante (edit)
 *   lead2   a colleague at sante             partner oim, granted `comment`
 *   viewer  emploi, granted `view`           outsider justice, no grant
 */
export interface CommentWorld {
  documentId: string;
  /** the document's content as stored, to build anchors from (same item ids as the server) */
  content: Y.Doc;
  ids: Record<Person, { userId: string; organisationId: string; email: string; token: string }>;
  api: Record<Person, ApiClient>;
}

export type Person = 'admin' | 'lead' | 'lead2' | 'partner' | 'viewer' | 'outsider';

export const PARAGRAPHS = ['Couverture médicale des MRE pendant l’été.', 'Campagne de vaccination dans les consulats.'];

export async function commentWorld(server: TestServer): Promise<CommentWorld> {
  const db = server.database.db;
  const orgs = {
    mre: await fixtures.organisation(db, 'mre', 'ministry'),
    sante: await fixtures.organisation(db, 'sante'),
    oim: await fixtures.organisation(db, 'oim', 'international_org'),
    emploi: await fixtures.organisation(db, 'emploi'),
    justice: await fixtures.organisation(db, 'justice'),
  };
  const people: Array<[Person, keyof typeof orgs, string, 'admin' | 'member']> = [
    ['admin', 'mre', 'admin@mre.ma', 'admin'],
    ['lead', 'sante', 'lead@sante.ma', 'member'],
    ['lead2', 'sante', 'lead2@sante.ma', 'member'],
    ['partner', 'oim', 'partner@oim.int', 'member'],
    ['viewer', 'emploi', 'viewer@emploi.ma', 'member'],
    ['outsider', 'justice', 'outsider@justice.ma', 'member'],
  ];
  const ids = {} as CommentWorld['ids'];
  const api = {} as CommentWorld['api'];
  for (const [person, org, email, role] of people) {
    const row = await fixtures.user(db, orgs[org].id, email, role);
    const token = await apiToken(db, row.id);
    ids[person] = { userId: row.id, organisationId: orgs[org].id, email, token };
    api[person] = ApiClient.withToken(server.url, token);
  }
  const document = await fixtures.document(db, orgs.sante.id, 'Plan d’action santé');
  await fixtures.grant(db, document.id, orgs.oim.id, 'comment');
  await fixtures.grant(db, document.id, orgs.emploi.id, 'view');

  const content = new Y.Doc();
  appendBlocks(content, [{ type: 'heading', level: 1, text: 'Plan santé' }, ...PARAGRAPHS.map((text) => ({ type: 'paragraph' as const, text }))]);
  measuresOf(content).push([newMeasureMap({ id: 'm-vaccins', title: 'Vaccination' })]);
  await db
    .insertInto('doc_updates')
    .values({ document_id: document.id, data: Y.encodeStateAsUpdate(content) })
    .execute();
  return { documentId: document.id, content, ids, api };
}

/** The text node of the n-th paragraph (0 is the heading), as Tiptap lays the body out. */
export const textOf = (doc: Y.Doc, block: number) => (bodyOf(doc).get(block) as Y.XmlElement).get(0) as Y.XmlText;

export const encodePosition = (type: Y.AbstractType<any>, index: number) => toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(type, index)));

/** An anchor on the first occurrence of `quote` in a block, built as the web client builds it. */
export function textAnchor(doc: Y.Doc, block: number, quote: string): CommentAnchorText {
  const text = textOf(doc, block);
  const from = text.toString().indexOf(quote);
  if (from < 0) throw new Error(`"${quote}" is not in block ${block}`);
  return { type: 'text', start: encodePosition(text, from), end: encodePosition(text, from + quote.length), quote };
}

/** What a stored anchor covers in a replica, resolved as a client would to highlight it. */
export function resolvedText(doc: Y.Doc, anchor: CommentAnchorText): string | null {
  const decode = (encoded: string) => Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(Buffer.from(encoded, 'base64')), doc);
  const start = decode(anchor.start);
  const end = decode(anchor.end);
  if (!start || !end || start.type !== end.type || !(start.type instanceof Y.XmlText)) return null;
  return start.type.toString().slice(start.index, end.index);
}
