/**
 * Every `code` the API (and the socket.io acknowledgements) answer in `{ error: { code, message } }`.
 * The server may only throw these (server/errors.ts takes an ApiErrorCode) and the web client must
 * translate each one (client/src/i18n: `error.<code>`), so a new code that is not translated, or a
 * translation of a code that no longer exists, fails the typecheck.
 */
export const API_ERROR_CODES = [
  // requests
  'bad_request',
  'malformed_json',
  'validation_failed',
  'payload_too_large',
  'unsupported_media_type',
  'method_not_allowed',
  'not_implemented',
  // who may do what
  'unauthenticated',
  'invalid_credentials',
  'wrong_current_password',
  'csrf_failed',
  'forbidden',
  'not_found',
  'rate_limited',
  'too_many_subscriptions',
  'too_many_tokens',
  // state
  'conflict',
  'invalid_transition',
  'archived',
  'already_has_access',
  'busy',
  'internal',
  // versions
  'diff_too_large',
  'diff_timeout',
  // comments, suggestions and sessions
  'unknown_mention',
  'too_many_mentions',
  'invalid_anchor',
  'unknown_thread',
  'not_a_thread',
  'invalid_session',
  'invalid_session_state',
  'invalid_suggestion',
  // files
  'unreadable_file',
  'invalid_rows',
  'too_many_rows',
  'no_measure_column',
  'no_measures_table',
  // reporting cycles
  'cycle_closed',
  'empty_scope',
  'incomplete_report',
  'stale_report',
  'plan_unavailable',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

const KNOWN: ReadonlySet<string> = new Set(API_ERROR_CODES);
export const isApiErrorCode = (code: unknown): code is ApiErrorCode => typeof code === 'string' && KNOWN.has(code);

/** The body of every refusal, over HTTP and in socket.io acknowledgements. */
export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; details?: unknown };
}
