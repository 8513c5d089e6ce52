// The body reader is shared with the JSON API; Slack's signatures are computed over these exact bytes.
export { BodyTooLargeError, readRawBody } from '../../server/http/raw-body.ts';
