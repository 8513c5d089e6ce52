import { sql, type Expression, type RawBuilder } from 'kysely';
import { normalize } from '../../shared/text-match.ts';

/**
 * shared/text-match.ts's `normalize` in SQL, with no extension (PGlite has no unaccent): one
 * `translate` folds capitals and accented Latin letters, Arabic letter variants and the usual
 * punctuation, and drops Arabic diacritics and the tatweel; runs of spaces become one.
 */
const FOLD: ReadonlyArray<readonly [string, string]> = [
  ['ÀÁÂÃÄÅàáâãäå', 'aaaaaaaaaaaa'],
  ['ÇçÑñ', 'ccnn'],
  ['ÈÉÊËèéêë', 'eeeeeeee'],
  ['ÌÍÎÏìíîï', 'iiiiiiii'],
  ['ÒÓÔÕÖòóôõö', 'oooooooooo'],
  ['ÙÚÛÜùúûüÝýÿ', 'uuuuuuuuyyy'],
  ['ŒÆ', 'œæ'],
  ['أإآىة', 'ااايه'],
];
/** punctuation people put in titles: each becomes a space, as `normalize` makes any non-letter */
const PUNCTUATION = '’\'‘`"«»“”-–—_.,;:!?()[]{}/\\|+*&#@%<>=~^\t\n\r';
/** Arabic diacritics (U+064B–U+065F), the superscript alef and the tatweel: dropped */
const DROPPED = [...Array.from({ length: 0x65f - 0x64b + 1 }, (_, i) => 0x64b + i), 0x670, 0x640].map((code) => String.fromCharCode(code)).join('');
const FROM = FOLD.map(([from]) => from).join('') + PUNCTUATION + DROPPED;
const TO = FOLD.map(([, to]) => to).join('') + ' '.repeat([...PUNCTUATION].length);
if ([...FROM].length !== [...TO].length + [...DROPPED].length) throw new Error('name-match: FOLD pairs differ in length');

/** `' ' || folded(column) || ' '`: every word, folded, preceded by a space. */
export function foldedSql(column: Expression<string>): RawBuilder<string> {
  return sql<string>`(' ' || regexp_replace(translate(lower(${column}), ${FROM}, ${TO}), ' +', ' ', 'g') || ' ')`;
}

/** The column, folded, is exactly `text` folded. */
export function namedExactly(column: Expression<string>, text: string): RawBuilder<boolean> {
  return sql<boolean>`${foldedSql(column)} = ${` ${normalize(text)} `}`;
}

/** Every word of `text` begins a word of the column (accent- and case-insensitive). */
export function namedByWords(column: Expression<string>, text: string): RawBuilder<boolean> {
  const words = normalize(text).split(' ').filter(Boolean);
  if (words.length === 0) return sql<boolean>`false`;
  const folded = foldedSql(column);
  return sql<boolean>`(${sql.join(
    words.map((word) => sql`${folded} LIKE ${`% ${word}%`}`),
    sql` AND `,
  )})`;
}
