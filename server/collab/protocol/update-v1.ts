import { ByteReader, MAX_SAFE, ProtocolError } from './byte-reader.ts';
import { readItemContent } from './item-content.ts';
import { DEFAULT_UPDATE_LIMITS, withDefaults, type UpdateLimits } from './limits.ts';

/**
 * Structural validator for Yjs update format V1 (the only format y-websocket carries).
 *
 * Reads the whole update the way yjs readClientsStructRefs + readDeleteSet do, but with every
 * count checked against the bytes left before any loop, every varuint below 2^53, every string
 * valid UTF-8, unknown tags and flag bits refused, and nothing left over at the end. It builds
 * no structs and allocates only a Set of client ids, so it runs in O(bytes) time and memory and
 * cannot hang. It does not judge meaning (whether origins exist, who may edit what): it only
 * guarantees that Yjs's decoder sees a well-formed, bounded input.
 */

export interface UpdateStats {
  /** GC, Skip and Item structs over all clients */
  structs: number;
  /** ranges in the delete set */
  deletes: number;
  /** client groups in the struct section */
  clients: number;
  bytes: number;
}

/**
 * Where an update's structs and deletions lie, read while validating, so the server can tell what
 * an update adds to a document without decoding it a second time. Flat triples, bounded by the limits.
 */
export interface UpdateExtent {
  /** per client group: client, first clock, clock after the last struct */
  structs: number[];
  /** per delete range: client, clock, length */
  deletes: number[];
}

export type UpdateValidation = { ok: true; stats: UpdateStats; extent?: UpdateExtent } | { ok: false; reason: string };

const STRUCT_GC = 0;
const STRUCT_SKIP = 10;
const INFO_CONTENT_BITS = 0x1f;
const INFO_HAS_ORIGIN = 0x80;
const INFO_HAS_RIGHT_ORIGIN = 0x40;
const INFO_HAS_PARENT_SUB = 0x20;
// Smallest encodings: a client group is 3 varuints; a struct an info byte plus at least one more;
// a delete-set client is 2 varuints; a delete range 2 varuints.
const MIN_GROUP_BYTES = 3;
const MIN_STRUCT_BYTES = 2;
const MIN_DS_CLIENT_BYTES = 2;
const MIN_DELETE_BYTES = 2;

export function validateUpdateV1(bytes: Uint8Array, limits: Partial<UpdateLimits> = {}, options: { extent?: boolean } = {}): UpdateValidation {
  const l = withDefaults<UpdateLimits>(DEFAULT_UPDATE_LIMITS, limits);
  if (bytes.length > l.maxBytes) return { ok: false, reason: `update of ${bytes.length} bytes exceeds ${l.maxBytes}` };
  try {
    const reader = new ByteReader(bytes);
    // Only when asked: stored snapshots can hold millions of ranges.
    const extent: UpdateExtent | undefined = options.extent ? { structs: [], deletes: [] } : undefined;
    const { structs, clients } = readStructSection(reader, l, extent?.structs ?? null);
    const deletes = readDeleteSet(reader, l, extent?.deletes ?? null);
    if (reader.remaining > 0) throw new ProtocolError(`${reader.remaining} trailing bytes after the delete set`);
    return { ok: true, stats: { structs, deletes, clients, bytes: bytes.length }, extent };
  } catch (error) {
    return { ok: false, reason: reasonFor(error) };
  }
}

/** Turns anything thrown into a reason; an unexpected error still means "refuse" (fail closed). */
export function reasonFor(error: unknown): string {
  if (error instanceof ProtocolError) return error.message;
  return `validator error: ${error instanceof Error ? error.message : String(error)}`;
}

function readStructSection(reader: ByteReader, l: UpdateLimits, ranges: number[] | null): { structs: number; clients: number } {
  const groups = reader.count('client count', MIN_GROUP_BYTES, l.maxClients);
  // Yjs keeps one struct list per client and silently drops all but the last duplicate group.
  const seen = new Set<number>();
  let structs = 0;
  for (let g = 0; g < groups; g++) {
    const count = reader.count('struct count', MIN_STRUCT_BYTES);
    if (structs + count > l.maxStructs) throw new ProtocolError(`more than ${l.maxStructs} structs`);
    structs += count;
    const client = reader.varUint('client id');
    if (seen.has(client)) throw new ProtocolError(`client ${client} appears twice`);
    seen.add(client);
    const first = reader.varUint('first clock');
    let clock = first;
    for (let i = 0; i < count; i++) {
      const length = readStruct(reader, client, clock, l.maxDepth);
      if (clock + length > MAX_SAFE) throw new ProtocolError(`clock of client ${client} passes 2^53`);
      clock += length;
    }
    ranges?.push(client, first, clock);
  }
  return { structs, clients: groups };
}

/** One struct (encoding.js readClientsStructRefs loop body); returns its length in clock units. */
function readStruct(reader: ByteReader, client: number, clock: number, maxDepth: number): number {
  const info = reader.uint8('struct info');
  const ref = info & INFO_CONTENT_BITS;
  if (ref === STRUCT_GC || ref === STRUCT_SKIP) {
    // Yjs writes these as the bare ref; other bits set means the byte is not from a Yjs encoder.
    if (info !== ref) throw new ProtocolError(`flag bits set on a ${ref === STRUCT_GC ? 'GC' : 'Skip'} struct`);
    const length = reader.varUint(ref === STRUCT_GC ? 'GC length' : 'Skip length');
    if (length === 0) throw new ProtocolError('struct of length 0');
    return length;
  }
  if (ref > STRUCT_SKIP) throw new ProtocolError(`unknown content ref ${ref}`);
  if (info & INFO_HAS_ORIGIN) readEarlierId(reader, ORIGIN, client, clock);
  if (info & INFO_HAS_RIGHT_ORIGIN) readEarlierId(reader, RIGHT_ORIGIN, client, clock);
  if ((info & (INFO_HAS_ORIGIN | INFO_HAS_RIGHT_ORIGIN)) === 0) {
    // No neighbour to copy the parent from: the parent is a root type name or an item id.
    const parentInfo = reader.varUint('parent info');
    if (parentInfo === 1) reader.varUtf8('root type name');
    else if (parentInfo === 0) readEarlierId(reader, PARENT, client, clock);
    else throw new ProtocolError(`parent info ${parentInfo} is neither 0 nor 1`);
    if (info & INFO_HAS_PARENT_SUB) reader.varUtf8('parent sub key');
  }
  return readItemContent(reader, ref, maxDepth);
}

/**
 * An id an Item points at (origin, right origin, parent). Every one of these existed when the
 * Item was created, so one from the same client always has a lower clock; a reference to itself
 * or to a later clock can only be forged, and sends Yjs looking for a struct it has not stored.
 */
// Labels built once: a template string per read would allocate on the hot path.
const idLabels = (name: string) => ({ name, client: `${name} client`, clock: `${name} clock` });
const ORIGIN = idLabels('origin');
const RIGHT_ORIGIN = idLabels('right origin');
const PARENT = idLabels('parent');

function readEarlierId(reader: ByteReader, what: typeof ORIGIN, client: number, clock: number): void {
  const idClient = reader.varUint(what.client);
  const idClock = reader.varUint(what.clock);
  if (idClient === client && idClock >= clock) {
    throw new ProtocolError(`${what.name} ${idClient}:${idClock} is not before the item ${client}:${clock}`);
  }
}

/** DeleteSet.js readDeleteSet: per client, ranges of (clock, length). */
function readDeleteSet(reader: ByteReader, l: UpdateLimits, ranges: number[] | null): number {
  const clients = reader.count('delete set client count', MIN_DS_CLIENT_BYTES, l.maxClients);
  let deletes = 0;
  for (let c = 0; c < clients; c++) {
    const client = reader.varUint('delete set client id');
    const count = reader.count('delete range count', MIN_DELETE_BYTES);
    if (deletes + count > l.maxDeletes) throw new ProtocolError(`more than ${l.maxDeletes} delete ranges`);
    deletes += count;
    for (let i = 0; i < count; i++) {
      const clock = reader.varUint('delete clock');
      const length = reader.varUint('delete length');
      if (length === 0) throw new ProtocolError('delete range of length 0');
      if (clock + length > MAX_SAFE) throw new ProtocolError('delete range passes 2^53');
      ranges?.push(client, clock, length);
    }
  }
  return deletes;
}
