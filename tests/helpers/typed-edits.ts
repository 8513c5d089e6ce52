import * as Y from 'yjs';
import { bodyOf, bodyText } from '../../shared/doc-schema.ts';

/**
 * Countable edits for the durability tests: each one types a unique token (`[name]`) at the end of
 * the document's first paragraph, where everyone types, so edits build on each other's (one from
 * process A, the next from process B right after it). Counting the tokens a document holds says
 * exactly which edits it lost.
 */
export function typeToken(doc: Y.Doc, token: string): void {
  let paragraph = bodyOf(doc).get(0);
  if (!(paragraph instanceof Y.XmlElement)) {
    paragraph = new Y.XmlElement('paragraph');
    bodyOf(doc).insert(0, [paragraph]);
  }
  const element = paragraph as Y.XmlElement;
  let text = element.get(0);
  if (!(text instanceof Y.XmlText)) {
    text = new Y.XmlText();
    element.insert(0, [text]);
  }
  const target = text as Y.XmlText;
  target.insert(target.length, `[${token}]`);
}

/** The tokens of `expected` the document lacks. */
export function missingTokens(doc: Y.Doc, expected: Iterable<string>): string[] {
  const present = new Set(Array.from(bodyText(doc).matchAll(/\[([^\]]+)\]/g), (match) => match[1]!));
  return [...expected].filter((token) => !present.has(token));
}
