// Answers of the older EnOS API: `{status, msg, submsg, data}`, status 0 on success. The emulator
// answers HTTP 200 and carries the code in `status`, as this generation's services do.
import type { ApiResponse } from "../http/types";

export class LegacyError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly submsg: string | null = null,
  ) {
    super(message);
  }
}

export const BAD_REQUEST = 400;
export const UNAUTHENTICATED = 401;
export const FORBIDDEN = 403;
export const NOT_FOUND = 404;
export const METHOD_NOT_ALLOWED = 405;
export const OUT_OF_RANGE = 415;
export const INTERNAL = 500;
export const TIMEOUT = 504;
export const SIGN_FAILED = 497;
/** Edge "Data Service" codes, carried in ServiceInvokeInfo.status (and the envelope on failure) */
export const EDGE_TIMEOUT = 1_000_203;
export const EDGE_INVOKE_FAILED = 1_000_204;

/** `Invalid Argument <name>`, the wording of this generation, with the reason in submsg. */
export function invalidArgument(name: string, submsg: string): LegacyError {
  return new LegacyError(BAD_REQUEST, `Invalid Argument ${name}`, submsg);
}

export function legacyOk(data: unknown): ApiResponse {
  return { status: 200, body: { status: 0, msg: "Success", submsg: null, data } };
}

export function legacyFailure(status: number, msg: string, submsg: string | null, data: unknown = null): ApiResponse {
  return { status: 200, body: { status, msg, submsg, data } };
}
