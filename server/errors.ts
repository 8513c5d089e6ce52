import type { ApiErrorCode } from '../shared/api-errors.ts';

/**
 * Errors with a stable code (one of shared/api-errors.ts). They become `{ "error": { "code", "message" } }` responses in one
 * place (http/error-handler.ts); everything else is a 500 that hides its details.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: unknown) => new AppError(400, 'bad_request', message, details);
export const validationFailed = (message: string, details?: unknown) => new AppError(400, 'validation_failed', message, details);
export const unauthenticated = (message = 'Sign in first.') => new AppError(401, 'unauthenticated', message);
export const forbidden = (message = 'You may not do this.') => new AppError(403, 'forbidden', message);
export const notFound = (what = 'Resource') => new AppError(404, 'not_found', `${what} not found.`);
export const conflict = (message: string, details?: unknown) => new AppError(409, 'conflict', message, details);
export const csrfFailed = () => new AppError(403, 'csrf_failed', 'Missing or wrong X-CSRF-Token header for a cookie-authenticated request.');
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError(429, 'rate_limited', message, undefined, { 'Retry-After': String(Math.ceil(retryAfterSeconds)) });
export const invalidTransition = (message: string) => new AppError(409, 'invalid_transition', message);
