import busboy from 'busboy';
import { AppError, badRequest } from '../errors.ts';
import type { AppContext } from './context.ts';

/** Uploads are limited to this size whatever they hold (Word files, spreadsheets, a logo). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/**
 * The routes that take a multipart upload instead of JSON. Only these pass the JSON-only body
 * reader; like every cookie-authenticated write they still need the CSRF header, so a cross-site
 * form cannot reach them.
 */
const UPLOAD_PATHS = [/^\/api\/documents\/import$/, /^\/api\/documents\/[^/]+\/measures\/import(\/preview)?$/, /^\/api\/settings\/logo$/];
export const isUploadPath = (path: string): boolean => UPLOAD_PATHS.some((pattern) => pattern.test(path));

export interface Upload {
  filename: string;
  mimeType: string;
  data: Buffer;
  fields: Record<string, string>;
}

export const tooLarge = (limit: number) => new AppError(413, 'payload_too_large', `The file is larger than ${Math.round(limit / 1024 / 1024)} MB.`);

/** Reads the one file (field `file`) and the small text fields of a multipart request. */
export function readUpload(ctx: AppContext, limit = MAX_UPLOAD_BYTES): Promise<Upload> {
  if (!ctx.is('multipart/form-data')) return Promise.reject(new AppError(415, 'unsupported_media_type', 'Send the file as multipart/form-data, field "file".'));
  if (Number(ctx.get('content-length') || 0) > limit + 64 * 1024) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: ctx.req.headers, limits: { fileSize: limit, files: 1, fields: 20, fieldSize: 4096, parts: 25 } });
    } catch {
      reject(badRequest('The multipart request cannot be read.'));
      return;
    }
    const fields: Record<string, string> = {};
    let file: Omit<Upload, 'fields'> | null = null;
    let failure: AppError | null = null;
    const pending: Promise<void>[] = [];
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file') {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      pending.push(
        new Promise((done) => {
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('limit', () => {
            failure = tooLarge(limit);
          });
          stream.on('end', () => {
            file = { filename: info.filename ?? '', mimeType: info.mimeType, data: Buffer.concat(chunks) };
            done();
          });
        }),
      );
    });
    parser.on('error', () => reject(badRequest('The multipart request is malformed.')));
    parser.on('close', () => {
      void Promise.all(pending).then(() => {
        if (failure) reject(failure);
        else if (!file || file.data.length === 0) reject(badRequest('No file in field "file".'));
        else resolve({ ...file, fields });
      });
    });
    ctx.req.pipe(parser);
  });
}
