import { inflateRawSync } from 'node:zlib';
import { AppError } from '../errors.ts';

/**
 * A bounded reader of ZIP packages (DOCX, XLSX). Sizes come from the central directory and are
 * checked before anything is inflated: the total, each entry's compression ratio and the number
 * of entries. Inflating is then capped at the declared size, so an archive that lies about its
 * sizes fails instead of filling memory.
 */

export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  /** uncompressed / compressed, for entries over 1 MB */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 5000, maxTotalBytes: 200 * 1024 * 1024, maxRatio: 200 };

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

export const unreadable = (what: string, why: string) => new AppError(422, 'unreadable_file', `This ${what} file cannot be read: ${why}.`);

export class BoundedZip {
  readonly entries = new Map<string, ZipEntry>();

  constructor(
    private readonly data: Buffer,
    readonly what: string,
    limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  ) {
    const end = findEndOfDirectory(data);
    if (end < 0) throw unreadable(what, 'it is not a ZIP package (corrupt or truncated)');
    const count = data.readUInt16LE(end + 10);
    const directorySize = data.readUInt32LE(end + 12);
    let at = data.readUInt32LE(end + 16);
    if (count > limits.maxEntries) throw unreadable(what, `it holds more than ${limits.maxEntries} parts`);
    if (at + directorySize > data.length) throw unreadable(what, 'it is truncated');
    let total = 0;
    for (let index = 0; index < count; index++) {
      if (at + 46 > data.length || data.readUInt32LE(at) !== 0x02014b50) throw unreadable(what, 'its directory is damaged');
      const method = data.readUInt16LE(at + 10);
      const compressedSize = data.readUInt32LE(at + 20);
      const size = data.readUInt32LE(at + 24);
      const nameLength = data.readUInt16LE(at + 28);
      const extraLength = data.readUInt16LE(at + 30);
      const commentLength = data.readUInt16LE(at + 32);
      const offset = data.readUInt32LE(at + 42);
      const name = data.toString('utf8', at + 46, at + 46 + nameLength);
      total += size;
      if (total > limits.maxTotalBytes) throw unreadable(what, `it would unpack to more than ${Math.round(limits.maxTotalBytes / 1024 / 1024)} MB`);
      if (size > 1024 * 1024 && size > compressedSize * limits.maxRatio) throw unreadable(what, `part ${name} is compressed suspiciously well (a ZIP bomb?)`);
      this.entries.set(name, { name, method, compressedSize, size, offset });
      at += 46 + nameLength + extraLength + commentLength;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  read(name: string): Buffer | null {
    const entry = this.entries.get(name);
    if (!entry) return null;
    const at = entry.offset;
    if (at + 30 > this.data.length || this.data.readUInt32LE(at) !== 0x04034b50) throw unreadable(this.what, `part ${name} is damaged`);
    const start = at + 30 + this.data.readUInt16LE(at + 26) + this.data.readUInt16LE(at + 28);
    const raw = this.data.subarray(start, start + entry.compressedSize);
    if (raw.length < entry.compressedSize) throw unreadable(this.what, 'it is truncated');
    if (entry.method === 0) return Buffer.from(raw);
    if (entry.method !== 8) throw unreadable(this.what, `part ${name} uses an unknown compression`);
    try {
      const out = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size) });
      if (out.length !== entry.size) throw new Error('size');
      return out;
    } catch {
      throw unreadable(this.what, `part ${name} does not unpack to its declared size (corrupt, or a ZIP bomb)`);
    }
  }

  text(name: string): string | null {
    return this.read(name)?.toString('utf8') ?? null;
  }
}

function findEndOfDirectory(data: Buffer): number {
  // The end record sits in the last 22 bytes plus a comment of at most 64 KB.
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 65535); at--) {
    if (data.readUInt32LE(at) === 0x06054b50) return at;
  }
  return -1;
}
