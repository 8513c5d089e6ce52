import type { Kysely } from 'kysely';
import type { Database, DocumentAccessRow, DocumentRow, Locale, OrganisationRow } from '../../db/schema.ts';
import type { AccessSubject } from '../../server/policies/document-access.ts';
import { findDocumentWithAccess, listVisibleDocuments, visibleTo } from '../../server/queries/documents.ts';
import type { PickerCandidate } from '../blocks/status.ts';

/** How people name things in a command: a document by (part of) its title, an organisation by code or name. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type DocumentMatch =
  | { kind: 'one'; row: DocumentRow; grants: readonly DocumentAccessRow[]; level: 'edit' | 'comment' | 'view' }
  /** at most 25 candidates (a Slack menu's worth); `total` says how many matched */
  | { kind: 'many'; candidates: PickerCandidate[]; total: number }
  | { kind: 'none' };

/** Lowercase, without accents, Arabic diacritics or letter variants: what people mean is what they typed. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, '')
    .replace(/[أإآ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Every word typed is the start of some word of the title. Pure. */
export function titleMatches(title: string, query: string): boolean {
  const words = normalize(title).split(' ');
  return normalize(query)
    .split(' ')
    .filter(Boolean)
    .every((typed) => words.some((word) => word.startsWith(typed)));
}

/** Finds the document the reader means among those they may see; documents they may not see do not exist. */
export async function findDocument(db: Kysely<Database>, subject: AccessSubject, query: string, publicUrl: string): Promise<DocumentMatch> {
  const id = documentIdIn(query, publicUrl);
  if (id) return one(db, subject, id);
  const wanted = normalize(query);
  if (!wanted) return { kind: 'none' };
  // Accent- and case-insensitive title match first: it is what people type most.
  const titles = await visibleTo(db.selectFrom('documents'), subject)
    .where('documents.archived_at', 'is', null)
    .select(['documents.id', 'documents.title', 'documents.status'])
    .orderBy('documents.updated_at', 'desc')
    .limit(2000)
    .execute();
  const exact = titles.filter((row) => normalize(row.title) === wanted);
  if (exact.length === 1) return one(db, subject, exact[0]!.id);
  let candidates = titles.filter((row) => titleMatches(row.title, query));
  let total = candidates.length;
  if (candidates.length === 0) {
    // Then the full text, title and body, under the French, Arabic and English stemmers.
    const found = await listVisibleDocuments(db, subject, { q: query, archived: 'false', limit: 25, offset: 0 });
    candidates = found.rows;
    total = found.total;
  }
  if (candidates.length === 0) return { kind: 'none' };
  if (candidates.length === 1) return one(db, subject, candidates[0]!.id);
  return { kind: 'many', candidates: candidates.slice(0, 25).map((row) => ({ id: row.id, title: row.title, status: row.status })), total };
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

export async function findOrganisation(db: Kysely<Database>, text: string): Promise<OrganisationRow | null> {
  const wanted = normalize(text);
  if (!wanted) return null;
  const byCode = await db
    .selectFrom('organisations')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['code']), '=', text.trim().toLowerCase()))
    .executeTakeFirst();
  if (byCode) return byCode;
  const all = await db.selectFrom('organisations').selectAll().limit(1000).execute();
  return all.find((row) => [row.name_fr, row.name_ar, row.name_en].some((name) => normalize(name) === wanted)) ?? null;
}

export interface CommissionMatch {
  id: string;
  names: Record<Locale, string>;
}

/** A commission by its name in any language, or by a word of it (`technique`, `interministérielle`). */
export async function findCommission(db: Kysely<Database>, text: string): Promise<CommissionMatch | null> {
  const all = await db.selectFrom('commissions').selectAll().limit(500).execute();
  const wanted = normalize(text);
  if (!wanted) return null;
  const names = (row: (typeof all)[number]) => [row.name_fr, row.name_ar, row.name_en];
  const found =
    all.find((row) => names(row).some((name) => normalize(name) === wanted)) ??
    all.filter((row) => names(row).some((name) => titleMatches(name, text))).at(0) ??
    all.find((row) => row.kind === wanted);
  return found ? { id: found.id, names: { fr: found.name_fr, ar: found.name_ar, en: found.name_en } } : null;
}

export function organisationName(row: Pick<OrganisationRow, 'name_fr' | 'name_ar' | 'name_en'>, locale: Locale): string {
  return locale === 'ar' ? row.name_ar : locale === 'en' ? row.name_en : row.name_fr;
}

/** Names of organisations by id, in the reader's language. */
export async function organisationNames(db: Kysely<Database>, ids: readonly (string | null)[], locale: Locale): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'name_fr', 'name_ar', 'name_en']).where('id', 'in', unique).execute();
  return new Map(rows.map((row) => [row.id, organisationName(row, locale)]));
}
