import type { AppContext } from './context.ts';

/**
 * Sends a file to download. The name goes in both forms of Content-Disposition: an ASCII one for
 * old clients and the UTF-8 one (RFC 5987) that keeps Arabic and accented titles.
 */
export function sendFile(ctx: AppContext, file: { data: Buffer | string; contentType: string; filename: string }): void {
  const ascii = file.filename
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\;]/g, '')
    .replace(/^[-.]+/, '');
  const fallback = /^[^.]+\.[a-z0-9]+$/i.test(ascii) ? ascii : `export${file.filename.slice(file.filename.lastIndexOf('.'))}`;
  ctx.set('Content-Disposition', `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  ctx.set('Content-Security-Policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox");
  ctx.type = file.contentType;
  ctx.body = file.data;
}
