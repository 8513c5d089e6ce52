/** PNG and JPEG recognised by their bytes (never by a name or a declared type), with their size in pixels. */
export interface ImageInfo {
  type: 'png' | 'jpg';
  width: number;
  height: number;
}

export function sniffImage(data: Uint8Array): ImageInfo | null {
  const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (view.length > 24 && view.readUInt32BE(0) === 0x89504e47 && view.readUInt32BE(4) === 0x0d0a1a0a && view.toString('latin1', 12, 16) === 'IHDR') {
    return { type: 'png', width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
  }
  if (view.length > 4 && view[0] === 0xff && view[1] === 0xd8) {
    let offset = 2;
    while (offset + 9 < view.length) {
      if (view[offset] !== 0xff) return null;
      const marker = view[offset + 1]!;
      const length = view.readUInt16BE(offset + 2);
      // Start-of-frame markers (baseline, progressive…) carry the size; DHT, JPG and DAC do not.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { type: 'jpg', height: view.readUInt16BE(offset + 5), width: view.readUInt16BE(offset + 7) };
      }
      offset += 2 + length;
    }
  }
  return null;
}
