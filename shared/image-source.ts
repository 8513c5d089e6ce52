/**
 * Images in a document body live inline as data: URLs, so they travel with the Y.Doc, its
 * versions and its exports without a file store. Only these types, only base64, only this size:
 * anything else (a remote URL that would track readers, SVG that can carry script, a huge
 * picture that would bloat every sync) is refused wherever a body is read or rendered.
 */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/** bytes of one image, decoded */
export const MAX_IMAGE_BYTES = 1024 * 1024;

const DATA_URL = /^data:(image\/(?:png|jpeg|gif|webp));base64,([A-Za-z0-9+/]+={0,2})$/;

/** The declared type and base64 payload of a safe image source, or null. */
export function parseImageSource(src: unknown): { type: ImageType; base64: string } | null {
  if (typeof src !== 'string' || src.length > Math.ceil((MAX_IMAGE_BYTES * 4) / 3) + 40) return null;
  const match = DATA_URL.exec(src);
  if (!match) return null;
  return { type: match[1] as ImageType, base64: match[2]! };
}

export const isSafeImageSource = (src: unknown): src is string => parseImageSource(src) !== null;

/** Pixel sizes kept in the document: positive integers within a page's reach, else none. */
export const imageDimension = (value: unknown): number | null => {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number > 0 && number <= 10_000 ? number : null;
};
