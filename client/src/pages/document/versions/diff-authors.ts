import type { VersionDiff, WriterRun } from '../../../api/versions.ts';

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
    authors.set(client, userId && person ? { userId, name: person.name, organisation: lookup.organisationName(person.organisationId), color: lookup.color(person.organisationId) } : null);
  }
  return authors;
}

/** The authors to list in the legend, each once, in order of first appearance; `unknown` if some text has none. */
export function legendOf(authors: Map<number, DiffAuthor | null>): { people: DiffAuthor[]; unknown: boolean } {
  const people = new Map<string, DiffAuthor>();
  let unknown = false;
  for (const author of authors.values()) {
    if (author) people.set(author.userId, author);
    else unknown = true;
  }
  return { people: [...people.values()], unknown };
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
