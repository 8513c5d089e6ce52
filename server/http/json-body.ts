import type { Next } from 'koa';
import { AppError } from '../errors.ts';
import type { AppContext } from './context.ts';
import { isUploadPath } from './multipart.ts';
import { BodyTooLargeError, readRawBody } from './raw-body.ts';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Reads a JSON body on writes, within a size limit. Only `application/json` is accepted, which
 * also means a cross-site HTML form can never reach a handler.
 */
export function jsonBody(limitBytes: number) {
  return async function readJsonBody(ctx: AppContext, next: Next): Promise<void> {
    if (!WRITE_METHODS.has(ctx.method)) return next();
    const declaredLength = Number(ctx.get('content-length') || 0);
    const hasBody = declaredLength > 0 || ctx.get('transfer-encoding') !== '';
    if (!hasBody) {
      ctx.request.body = undefined;
      return next();
    }
    // Upload routes read their multipart body themselves (http/multipart.ts).
    if (isUploadPath(ctx.path) && ctx.is('multipart/form-data')) return next();
    if (!ctx.is('application/json')) {
      throw new AppError(415, 'unsupported_media_type', 'Send JSON with Content-Type: application/json.');
    }
    if (declaredLength > limitBytes) throw tooLarge(limitBytes);
    const raw = await readLimited(ctx, limitBytes);
    try {
      ctx.request.body = raw.length === 0 ? undefined : JSON.parse(raw.toString('utf8'));
    } catch {
      throw new AppError(400, 'malformed_json', 'The request body is not valid JSON.');
    }
    return next();
  };
}

function tooLarge(limitBytes: number) {
  return new AppError(413, 'payload_too_large', `The request body is larger than ${limitBytes} bytes.`);
}

async function readLimited(ctx: AppContext, limitBytes: number): Promise<Buffer> {
  try {
    return await readRawBody(ctx.req, limitBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw tooLarge(limitBytes);
    throw new AppError(400, 'bad_request', `Could not read the request body: ${(error as Error).message}`);
  }
}
