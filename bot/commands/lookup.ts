import type { Kysely } from 'kysely';
import type { Database, DocumentAccessRow, DocumentRow, OrganisationRow } from '../../db/schema.ts';
import type { AccessSubject } from '../../server/policies/document-access.ts';
import { findCommissionNamed, type CommissionNames } from '../../server/queries/commissions.ts';
import { findDocumentWithAccess, findVisibleByTitle, listVisibleDocuments } from '../../server/queries/documents.ts';
import { findOrganisationNamed, localName } from '../../server/queries/organisations.ts';
import { normalize } from '../../shared/text-match.ts';
import type { PickerCandidate } from '../blocks/status.ts';

/** How people name things in a command: a document by (part of) its title, an organisation by code or name. */

/** a Slack menu's worth */
const PICKER_SIZE = 25;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type DocumentMatch =
  | { kind: 'one'; row: DocumentRow; grants: readonly DocumentAccessRow[]; level: 'edit' | 'comment' | 'view' }
  /** at most 25 candidates (a Slack menu's worth); `total` says how many matched */
  | { kind: 'many'; candidates: PickerCandidate[]; total: number }
  | { kind: 'none' };

/** Finds the document the reader means among those they may see; documents they may not see do not exist. */
export async function findDocument(db: Kysely<Database>, subject: AccessSubject, query: string, publicUrl: string): Promise<DocumentMatch> {
  const id = documentIdIn(query, publicUrl);
  if (id) return one(db, subject, id);
  const wanted = normalize(query);
  if (!wanted) return { kind: 'none' };
  // Accent- and case-insensitive title match first (in SQL): it is what people type most.
  const titles = await findVisibleByTitle(db, subject, query, PICKER_SIZE);
  if (titles.exact.length === 1) return one(db, subject, titles.exact[0]!);
  let candidates: PickerCandidate[] = titles.rows;
  let total = titles.total;
  if (candidates.length === 0) {
    // Then the full text, title and body, under the French, Arabic and English stemmers.
    const found = await listVisibleDocuments(db, subject, { q: query, archived: 'false', limit: PICKER_SIZE, offset: 0 });
    candidates = found.rows;
    total = found.total;
  }
  if (candidates.length === 0) return { kind: 'none' };
  if (candidates.length === 1) return one(db, subject, candidates[0]!.id);
  return { kind: 'many', candidates: candidates.map((row) => ({ id: row.id, title: row.title, status: row.status })), total };
}

async function one(db: Kysely<Database>, subject: AccessSubject, id: string): Promise<DocumentMatch> {
  const found = await findDocumentWithAccess(db, subject, id);
  return found.row ? { kind: 'one', row: found.row, grants: found.grants, level: found.level } : { kind: 'none' };
}

/** A document id typed as is, or inside a link to Tansiq. */
export function documentIdIn(text: string, publicUrl: string): string | null {
  const trimmed = text.trim().replace(/^<|>$/g, '').split('|')[0]!;
  if (UUID.test(trimmed)) return trimmed.toLowerCase();
  if (!trimmed.startsWith(`${publicUrl}/documents/`)) return null;
  const candidate = trimmed.slice(`${publicUrl}/documents/`.length).split(/[/?#]/)[0] ?? '';
  return UUID.test(candidate) ? candidate.toLowerCase() : null;
}

/** An organisation by code or by its whole name in any language. */
export const findOrganisation = (db: Kysely<Database>, text: string): Promise<OrganisationRow | null> =>
  normalize(text) ? findOrganisationNamed(db, text) : Promise.resolve(null);

export type CommissionMatch = CommissionNames;

/** A commission by its name in any language, or by a word of it (`technique`, `interministérielle`). */
export const findCommission = (db: Kysely<Database>, text: string): Promise<CommissionMatch | null> => (normalize(text) ? findCommissionNamed(db, text) : Promise.resolve(null));

export const organisationName = localName;
