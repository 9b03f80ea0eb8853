// How the server says a query cannot be answered any more, for the status and service queries alike.
import { isGrpcServiceError } from '@temporalio/client';

// gRPC CANCELLED and FAILED_PRECONDITION.
const QUERY_REFUSED_CODES = new Set([1, 9]);

/** The server's reason when it refused (or dropped) a query for a run that closed; undefined otherwise. */
export function grpcRefusal(error: unknown): string | undefined {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (isGrpcServiceError(e) && QUERY_REFUSED_CODES.has(e.code)) return e.details || e.message;
  }
  return undefined;
}
