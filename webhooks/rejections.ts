// Every way a request can be refused, with the status and message it is answered and logged with.
// One reason, one line: an operator reading the logs tells a bad secret from a clock skew at a glance.
import type { SignatureFailure } from './signature';

export type RejectionReason =
  | 'route_not_found'
  | 'method_not_allowed'
  | 'body_too_large'
  | 'unsupported_media_type'
  | SignatureFailure
  | 'invalid_json'
  | 'invalid_event';

export interface Rejection {
  status: number;
  message: string;
}

export const REJECTIONS: Record<RejectionReason, Rejection> = {
  route_not_found: { status: 404, message: 'no such route' },
  method_not_allowed: { status: 405, message: 'method not allowed on this route' },
  body_too_large: { status: 413, message: 'request body exceeds the size limit' },
  unsupported_media_type: { status: 415, message: 'webhook body must be application/json' },
  signature_missing: { status: 401, message: 'missing X-Lumen-Signature header' },
  signature_malformed: { status: 401, message: 'X-Lumen-Signature is not "t=<unix seconds>,v1=<hex HMAC-SHA256>"' },
  signature_mismatch: { status: 401, message: 'X-Lumen-Signature does not match the body' },
  timestamp_stale: { status: 401, message: 'signature timestamp is older than the replay window' },
  timestamp_future: { status: 401, message: 'signature timestamp is further ahead than the replay window allows' },
  invalid_json: { status: 400, message: 'body is not valid JSON' },
  invalid_event: { status: 422, message: 'body is not a Lumen order state event' },
};
