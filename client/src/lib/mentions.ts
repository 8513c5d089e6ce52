/**
 * @mentions in the comment box. The syntax and its reading are shared with the server
 * (shared/mentions.ts); here, what typing and picking a mention needs. Pure.
 */
import { splitMentions, type Segment } from '../../../shared/mentions.ts';

export { splitMentions, type Segment };

/** The mention being typed just before the caret ("@sa|"): where its @ is and what follows it. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(?:^|[^\p{L}\p{N}._@-])@([\p{L}\p{N}._-]{0,40})$/u.exec(before);
  if (!match) return null;
  const query = match[1]!;
  return { start: caret - query.length - 1, query };
}

/** Replaces the mention being typed (from `start` to the caret) by `token` and a space; the new text and caret. */
export function insertMention(text: string, start: number, caret: number, token: string): { text: string; caret: number } {
  const inserted = `${token} `;
  const after = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, start) + inserted + after, caret: start + inserted.length };
}

export const userToken = (id: string) => `@[${id}]`;
export const organisationToken = (code: string) => `@${code}`;

/** Case- and accent-insensitive search key. */
export const searchKey = (value: string): string => value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The comment box shows mentions as names ("@Amina Idrissi") while the stored form keeps ids
 * ("@[uuid]"). `picked` maps each shown name to its stored token; on sending, every "@name" still
 * in the text (not followed by more of a word) goes back to its token, longest names first so
 * "@Amina Idrissi" is not read as "@Amina".
 */
export function toStoredForm(text: string, picked: ReadonlyMap<string, string>): string {
  const labels = [...picked.keys()].filter((label) => label.length > 0).sort((a, b) => b.length - a.length);
  if (labels.length === 0) return text;
  const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`@(${labels.map(escape).join('|')})(?![\\p{L}\\p{N}_-])`, 'gu');
  return text.replace(pattern, (_whole, label: string) => picked.get(label)!);
}

/** The stored body as the comment box shows it, with the names it shows and their tokens. */
export function toDisplayForm(body: string, nameOf: (segment: Exclude<Segment, { kind: 'text' }>) => string | undefined): { text: string; picked: Map<string, string> } {
  const picked = new Map<string, string>();
  const text = splitMentions(body)
    .map((segment) => {
      if (segment.kind === 'text') return segment.text;
      const name = nameOf(segment);
      // Two people with one name would map back to one of them: keep the second as written.
      if (!name || (picked.has(name) && picked.get(name) !== segment.text)) return segment.text;
      picked.set(name, segment.text);
      return `@${name}`;
    })
    .join('');
  return { text, picked };
}
