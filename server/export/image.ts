import { parseImageSource } from '../../shared/image-source.ts';

/** Images recognised by their bytes (never by a name or a declared type), with their size in pixels. */
export interface PictureInfo {
  type: 'png' | 'jpg' | 'gif' | 'webp';
  width: number;
  height: number;
}

/** PNG and JPEG only: what every export format (PDF included) can draw; the logo must be one. */
export interface ImageInfo extends PictureInfo {
  type: 'png' | 'jpg';
}

export function sniffPicture(data: Uint8Array): PictureInfo | null {
  const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (view.length > 24 && view.readUInt32BE(0) === 0x89504e47 && view.readUInt32BE(4) === 0x0d0a1a0a && view.toString('latin1', 12, 16) === 'IHDR') {
    return { type: 'png', width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
  }
  if (view.length > 10 && /^GIF8[79]a$/.test(view.toString('latin1', 0, 6))) {
    return { type: 'gif', width: view.readUInt16LE(6), height: view.readUInt16LE(8) };
  }
  if (view.length > 30 && view.toString('latin1', 0, 4) === 'RIFF' && view.toString('latin1', 8, 12) === 'WEBP') {
    const chunk = view.toString('latin1', 12, 16);
    if (chunk === 'VP8 ') return { type: 'webp', width: view.readUInt16LE(26) & 0x3fff, height: view.readUInt16LE(28) & 0x3fff };
    if (chunk === 'VP8L') {
      const bits = view.readUInt32LE(21);
      return { type: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
    if (chunk === 'VP8X') return { type: 'webp', width: view.readUIntLE(24, 3) + 1, height: view.readUIntLE(27, 3) + 1 };
    return null;
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

export function sniffImage(data: Uint8Array): ImageInfo | null {
  const info = sniffPicture(data);
  return info && (info.type === 'png' || info.type === 'jpg') ? (info as ImageInfo) : null;
}

export const MIME_OF: Record<PictureInfo['type'], 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp'> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

/** A body image's bytes, if its data URL is safe and its bytes are the type it declares. */
export function decodeImageSource(src: string): (PictureInfo & { data: Buffer }) | null {
  const parsed = parseImageSource(src);
  if (!parsed) return null;
  const data = Buffer.from(parsed.base64, 'base64');
  const info = sniffPicture(data);
  if (!info || MIME_OF[info.type] !== parsed.type || info.width < 1 || info.height < 1) return null;
  return { ...info, data };
}

/** The size to show an image at: as the document sets it (or its own), scaled down into the box. */
export function fitImage(
  image: { width: number; height: number },
  chosen: { width: number | null; height: number | null },
  box: { width: number; height: number },
): { width: number; height: number } {
  let width = chosen.width ?? (chosen.height ? (image.width * chosen.height) / image.height : image.width);
  let height = chosen.height ?? (chosen.width ? (image.height * chosen.width) / image.width : image.height);
  const scale = Math.min(1, box.width / width, box.height / height);
  width *= scale;
  height *= scale;
  return { width: Math.max(1, Math.round(width)), height: Math.max(1, Math.round(height)) };
}
