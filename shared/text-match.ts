/**
 * How people name things when they type (a document by part of its title, an organisation or a
 * commission by its name): lower case, without accents, Arabic diacritics or letter variants.
 * server/queries/name-match.ts folds titles the same way in SQL.
 */
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
