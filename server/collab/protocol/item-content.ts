import { ANY_OBJECT, skipAny } from './any-value.ts';
import { ByteReader, ProtocolError } from './byte-reader.ts';
import { checkJsonBytes } from './json-text.ts';

/**
 * Reads the content of one Item in a V1 update (yjs structs/Content*.js read* functions) and
 * returns its length in clock units, which Yjs derives from the content: a count for
 * Deleted/JSON/Any, UTF-16 units for String, 1 for the rest.
 *
 * Zero-length content is refused: Yjs never writes it (inserting '' or [] is a no-op), and an
 * Item that does not advance the clock would share its id with the next struct.
 */
export const ContentRef = {
  deleted: 1,
  json: 2,
  binary: 3,
  string: 4,
  embed: 5,
  format: 6,
  type: 7,
  any: 8,
  doc: 9,
} as const;

/** yjs ContentType typeRefs: Array, Map, Text, XmlElement, XmlFragment, XmlHook, XmlText. */
const TYPE_REF_XML_ELEMENT = 3;
const TYPE_REF_XML_HOOK = 5;
const TYPE_REF_MAX = 6;

export function readItemContent(reader: ByteReader, ref: number, maxDepth: number): number {
  switch (ref) {
    case ContentRef.deleted: {
      const length = reader.varUint('deleted content length');
      if (length === 0) throw new ProtocolError('deleted content of length 0');
      return length;
    }
    case ContentRef.json: {
      // Legacy content (old Yjs); each element is JSON text or the word `undefined`, >= 2 bytes.
      const count = reader.count('JSON content count', 2);
      if (count === 0) throw new ProtocolError('JSON content with no elements');
      for (let i = 0; i < count; i++) {
        const view = reader.varBytes('JSON content element');
        if (!isUndefinedWord(view)) checkJsonBytes(view, maxDepth, 'JSON content element');
      }
      return count;
    }
    case ContentRef.binary:
      reader.skipVarBytes('binary content');
      return 1;
    case ContentRef.string: {
      const length = reader.varUtf8('string content');
      if (length === 0) throw new ProtocolError('string content of length 0');
      return length;
    }
    case ContentRef.embed:
      checkJsonBytes(reader.varBytes('embed content'), maxDepth, 'embed content');
      return 1;
    case ContentRef.format:
      reader.varUtf8('format key');
      checkJsonBytes(reader.varBytes('format value'), maxDepth, 'format value');
      return 1;
    case ContentRef.type: {
      const typeRef = reader.varUint('type ref');
      if (typeRef > TYPE_REF_MAX) throw new ProtocolError(`unknown type ref ${typeRef}`);
      if (typeRef === TYPE_REF_XML_ELEMENT || typeRef === TYPE_REF_XML_HOOK) reader.varUtf8('xml node name');
      return 1;
    }
    case ContentRef.any: {
      const count = reader.count('any content count', 1);
      if (count === 0) throw new ProtocolError('any content with no elements');
      for (let i = 0; i < count; i++) skipAny(reader, maxDepth);
      return count;
    }
    case ContentRef.doc: {
      reader.varUtf8('subdocument guid');
      // Yjs spreads these options into `new Doc(...)` and reads `opts.shouldLoad`: must be an object.
      if (skipAny(reader, maxDepth) !== ANY_OBJECT) throw new ProtocolError('subdocument options are not an object');
      return 1;
    }
    default:
      throw new ProtocolError(`unknown content ref ${ref}`);
  }
}

const UNDEFINED = 'undefined';
function isUndefinedWord(view: Uint8Array): boolean {
  if (view.length !== UNDEFINED.length) return false;
  for (let i = 0; i < UNDEFINED.length; i++) if (view[i] !== UNDEFINED.charCodeAt(i)) return false;
  return true;
}
