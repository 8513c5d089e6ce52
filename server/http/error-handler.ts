import type { Next } from 'koa';
import { ZodError } from 'zod';
import { AppError } from '../errors.ts';
import type { AppContext } from './context.ts';

/** The one place where errors become `{ error: { code, message, details? } }` responses. */
export async function errorHandler(ctx: AppContext, next: Next): Promise<void> {
  try {
    await next();
    if (ctx.status === 404 && ctx.body === undefined) {
      throw new AppError(404, 'not_found', `No route for ${ctx.method} ${ctx.path}.`);
    }
  } catch (error) {
    const appError = toAppError(error);
    if (appError.status >= 500) ctx.state.log?.error({ err: error }, 'unhandled error');
    ctx.status = appError.status;
    for (const [name, value] of Object.entries(appError.headers ?? {})) ctx.set(name, value);
    ctx.body = {
      error: {
        code: appError.code,
        message: appError.message,
        ...(appError.details !== undefined ? { details: appError.details } : {}),
      },
    };
  }
}

/** PostgreSQL's SQLSTATE for a unique constraint violation (the same from pg and PGlite). */
const UNIQUE_VIOLATION = '23505';

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    return new AppError(400, 'validation_failed', 'The request is not valid.', error.issues.map(presentIssue));
  }
  // Two identical writes at once (a double click): the database's unique constraint refuses the second.
  if ((error as { code?: unknown })?.code === UNIQUE_VIOLATION) return new AppError(409, 'conflict', 'This already exists; reload and try again.');
  const status = (error as { status?: unknown })?.status;
  // @koa/router's allowedMethods({ throw: true }) (app.ts): 405 for a method a path does not take,
  // 501 for an HTTP method no route knows at all (PROPFIND, …). Both are answers, not missing code.
  if (status === 405) return new AppError(405, 'method_not_allowed', (error as Error).message || 'Method not allowed.');
  if (status === 501) return new AppError(501, 'not_implemented', (error as Error).message || 'Not implemented.');
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError(status, 'bad_request', (error as Error).message || 'Bad request.');
  }
  return new AppError(500, 'internal', 'Something went wrong on our side. It has been logged.');
}

function presentIssue(issue: { path: PropertyKey[]; message: string; code: string }) {
  return { path: issue.path.map(String).join('.'), message: issue.message, code: issue.code };
}
