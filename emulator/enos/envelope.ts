// Response shapes of the EnOS v2.1 API.
import { newRequestId } from "../ids";
import type { ApiResponse } from "../http/types";

/** A business error answered as HTTP 200 `{code, msg, requestId, data: null}`. */
export class EnosError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export const INVALID_ARGUMENT = 99400;
export const DENIED = 99403;
export const NOT_FOUND = 99404;
export const INTERNAL = 99500;

/** "Invalid Argument <name>: <reason>", the platform's wording for 99400. */
export function invalidArgument(name: string, reason?: string): EnosError {
  return new EnosError(INVALID_ARGUMENT, reason ? `Invalid Argument ${name}: ${reason}` : `Invalid Argument ${name}`);
}

export function ok(data: unknown, msg = "OK", extra: Record<string, unknown> = {}): ApiResponse {
  return { status: 200, body: { code: 0, msg, requestId: newRequestId(), data, ...extra } };
}

export function failure(code: number, msg: string, data: unknown = null): ApiResponse {
  return { status: 200, body: { code, msg, requestId: newRequestId(), data } };
}

/** Gateway-level authentication failure: HTTP 401 `{status, code, msg}`. */
export function authFailure(code: number, msg: string): ApiResponse {
  return { status: 401, body: { status: code, code, msg } };
}
