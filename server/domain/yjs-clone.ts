import * as Y from 'yjs';

/**
 * Deep copies of Yjs content from one Y.Doc into new, not yet integrated types that can be
 * inserted into another Y.Doc. Pure: reads the source, returns new objects.
 *
 * Yjs has its own `clone()`, but it cannot serve here: Y.Text#clone goes through applyDelta, which
 * drops a final "\n" (its Quill sanitising) and re-inserts embedded types without copying them.
 */

type TextDeltaOp = { insert?: unknown; attributes?: Record<string, unknown> };

/** A copy of any value found in a Y type: Yjs types are cloned, plain values deep-copied. */
export function cloneValue(value: unknown): unknown {
  if (value instanceof Y.AbstractType) return cloneType(value);
  // Plain JSON and binary content: Yjs never mutates it, but the copy must not share it either.
  return value === undefined ? undefined : structuredClone(value);
}

export function cloneType(type: Y.AbstractType<any>): Y.AbstractType<any> {
  // Subclasses before their bases: XmlText is a Text, XmlHook is a Map.
  if (type instanceof Y.XmlText) return fillText(new Y.XmlText(), type);
  if (type instanceof Y.Text) return fillText(new Y.Text(), type);
  if (type instanceof Y.XmlElement) return cloneXmlElement(type);
  if (type instanceof Y.XmlHook) return fillMap(new Y.XmlHook(type.hookName), type);
  if (type instanceof Y.Map) return fillMap(new Y.Map(), type);
  if (type instanceof Y.Array) {
    const copy = new Y.Array<unknown>();
    copy.insert(0, type.toArray().map(cloneValue));
    return copy;
  }
  throw new Error(`cannot clone Yjs type ${type.constructor.name}`);
}

/**
 * A body child: an element with its attributes and children, or formatted text. (A hook comes
 * back as a hook: typed as the two kinds Yjs' `insert` signature admits, which omits hooks.)
 */
export function cloneXmlNode(node: Y.XmlElement | Y.XmlText | Y.XmlHook): Y.XmlElement | Y.XmlText {
  return cloneType(node) as Y.XmlElement | Y.XmlText;
}

export function cloneMap(map: Y.Map<unknown>): Y.Map<unknown> {
  return cloneType(map) as Y.Map<unknown>;
}

function cloneXmlElement(source: Y.XmlElement): Y.XmlElement {
  const copy = new Y.XmlElement(source.nodeName);
  // Attributes keep their type: a heading's level is a number, not the string Yjs' clone assumes.
  for (const [key, value] of Object.entries(source.getAttributes())) copy.setAttribute(key, cloneValue(value) as string);
  copy.insert(
    0,
    source.toArray().map((child) => cloneType(child) as Y.XmlElement | Y.XmlText),
  );
  return copy;
}

function fillText<T extends Y.Text>(copy: T, source: Y.Text): T {
  let index = 0;
  for (const op of source.toDelta() as TextDeltaOp[]) {
    // Always pass attributes (even none): without them Yjs inherits the formatting on the left.
    const attributes = op.attributes ? (structuredClone(op.attributes) as Record<string, unknown>) : {};
    if (typeof op.insert === 'string') {
      copy.insert(index, op.insert, attributes);
      index += op.insert.length;
    } else if (op.insert !== undefined) {
      copy.insertEmbed(index, cloneValue(op.insert) as object, attributes);
      index += 1;
    }
  }
  return copy;
}

function fillMap<T extends Y.Map<unknown>>(copy: T, source: Y.Map<unknown>): T {
  for (const [key, value] of source.entries()) copy.set(key, cloneValue(value));
  return copy;
}

/**
 * The content of a value as plain, canonical JSON (object keys sorted, types tagged): two values
 * hold the same content exactly when their canonical forms are equal, whichever Y.Doc they are in.
 */
export function canonicalContent(value: unknown): unknown {
  if (value instanceof Y.XmlText) return { xmlText: canonicalDelta(value) };
  if (value instanceof Y.Text) return { text: canonicalDelta(value) };
  if (value instanceof Y.XmlElement) {
    return { element: value.nodeName, attributes: canonicalObject(value.getAttributes()), children: value.toArray().map(canonicalContent) };
  }
  if (value instanceof Y.XmlHook) return { hook: value.hookName, entries: canonicalObject(Object.fromEntries(value.entries())) };
  if (value instanceof Y.XmlFragment) return { fragment: value.toArray().map(canonicalContent) };
  if (value instanceof Y.Map) return { map: canonicalObject(Object.fromEntries(value.entries())) };
  if (value instanceof Y.Array) return { array: value.toArray().map(canonicalContent) };
  if (value instanceof Uint8Array) return { binary: Array.from(value) };
  if (Array.isArray(value)) return value.map(canonicalContent);
  if (value !== null && typeof value === 'object') return canonicalObject(value as Record<string, unknown>);
  return value === undefined ? null : value;
}

/** One string per value, for comparing many values cheaply. */
export const contentKey = (value: unknown): string => JSON.stringify(canonicalContent(value));

function canonicalDelta(text: Y.Text): unknown[] {
  return (text.toDelta() as TextDeltaOp[]).map((op) => ({ insert: canonicalContent(op.insert), attributes: canonicalObject(op.attributes ?? {}) }));
}

function canonicalObject(object: Record<string, unknown>): Record<string, unknown> {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(object).sort()) sorted[key] = canonicalContent(object[key]);
  return sorted;
}
