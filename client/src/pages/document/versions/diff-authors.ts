import type { VersionDiff, WriterRun } from '../../../api/versions.ts';
import { deletersOf, type DeletedRun } from '../../../../../shared/deleted-runs.ts';

/** Who inserted a stretch of a comparison, as shown: name, organisation and its colour (presence's and suggestions'). */
export interface DiffAuthor {
  userId: string;
  name: string;
  organisation: string;
  color: string;
}

export interface AuthorLookup {
  person: (userId: string) => { name: string; organisationId: string } | undefined;
  organisationName: (organisationId: string) => string;
  color: (organisationId: string) => string;
}

/** Each client id of the diff → its author, or null when the server cannot say who wrote under it. */
export function diffAuthors(diff: Pick<VersionDiff, 'writers'>, lookup: AuthorLookup): Map<number, DiffAuthor | null> {
  const authors = new Map<number, DiffAuthor | null>();
  for (const { client, userId } of diff.writers ?? []) {
    const person = userId ? lookup.person(userId) : undefined;
    authors.set(
      client,
      userId && person ? { userId, name: person.name, organisation: lookup.organisationName(person.organisationId), color: lookup.color(person.organisationId) } : null,
    );
  }
  return authors;
}

/** The people who deleted something in the diff, by user id (absent: unknown). */
export function diffDeleters(diff: Pick<VersionDiff, 'deleters'>, lookup: AuthorLookup): Map<string, DiffAuthor> {
  const people = new Map<string, DiffAuthor>();
  for (const { userId } of diff.deleters ?? []) {
    const person = userId ? lookup.person(userId) : undefined;
    if (userId && person && !people.has(userId))
      people.set(userId, { userId, name: person.name, organisation: lookup.organisationName(person.organisationId), color: lookup.color(person.organisationId) });
  }
  return people;
}

/** The authors to list in the legend, each once, in order of first appearance; `unknown` if some text has none. */
export function legendOf(authors: Map<number, DiffAuthor | null>, deleters: Map<string, DiffAuthor> = new Map()): { people: DiffAuthor[]; unknown: boolean } {
  const people = new Map<string, DiffAuthor>();
  let unknown = false;
  for (const author of authors.values()) {
    if (author) people.set(author.userId, author);
    else unknown = true;
  }
  for (const author of deleters.values()) if (!people.has(author.userId)) people.set(author.userId, author);
  return { people: [...people.values()], unknown };
}

/**
 * A deleted text cut into the pieces of who deleted them (shared/deleted-runs.ts): user id, or
 * null when not recorded. Runs that do not cover the text exactly: one piece, deleter unknown.
 */
export function deletedPiecesOf(text: string, runs: readonly DeletedRun[] | undefined, deleters: VersionDiff['deleters']): Array<{ text: string; userId: string | null }> {
  const total = runs?.reduce((sum, [length]) => sum + length, 0);
  if (!runs || total !== text.length) return [{ text, userId: null }];
  const pieces: Array<{ text: string; userId: string | null }> = [];
  let offset = 0;
  for (const [length, userId] of deletersOf(runs, deleters ?? [])) {
    pieces.push({ text: text.slice(offset, offset + length), userId });
    offset += length;
  }
  return pieces;
}

/** A text cut into the runs of its writers (runs that do not cover it exactly: one piece, author unknown). */
export function piecesOf(text: string, runs: readonly WriterRun[] | undefined): Array<{ text: string; client: number | null }> {
  const total = runs?.reduce((sum, [length]) => sum + length, 0);
  if (!runs || total !== text.length) return [{ text, client: null }];
  const pieces: Array<{ text: string; client: number | null }> = [];
  let offset = 0;
  for (const [length, client] of runs) {
    pieces.push({ text: text.slice(offset, offset + length), client });
    offset += length;
  }
  return pieces;
}
