import "server-only";
import type { z } from "zod";
import { ForbiddenError, OutOfScopeError } from "../auth/permissions";
import { ConnectionDisabledError, ConnectionNotFoundError } from "../connections";
import { IdempotencyConflictError } from "../invocations/invoke-once";
import { InputValidationError, type FieldIssue } from "../invocations/types";
import { PlatformError } from "../platforms/types";
import { EndpointPolicyError } from "../security/endpoint-policy";
import { apiLocale, localizeApiMessage } from "./messages";
import { localizeIssues } from "../i18n/issue-messages";

/** Every error the HTTP API answers with, and its status: clients branch on `code`, people read `message`. */
export const API_ERROR_STATUS = {
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  input_rejected: 422,
  platform_refused: 422,
  payload_too_large: 413,
  internal: 500,
  platform_unavailable: 502,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly issues?: FieldIssue[];
  constructor(code: ApiErrorCode, message: string, issues?: FieldIssue[]) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.issues = issues;
  }
  get status(): number {
    return API_ERROR_STATUS[this.code];
  }
}

export function invalidRequest(message: string, issues: FieldIssue[]): ApiError {
  return new ApiError("invalid_request", message, issues);
}

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

/** The console's own errors as API errors; anything unexpected is logged and answered generically. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof InputValidationError) {
    const requestOnly = error.issues.every((i) => i.path === "cursor");
    return requestOnly
      ? invalidRequest("The request is not valid.", error.issues)
      : new ApiError("input_rejected", "The device's thing model does not accept this request. See issues.", error.issues);
  }
  if (error instanceof ForbiddenError || error instanceof OutOfScopeError) return new ApiError("forbidden", error.message);
  if (error instanceof ConnectionNotFoundError) return new ApiError("not_found", error.message);
  if (error instanceof ConnectionDisabledError || error instanceof IdempotencyConflictError || error instanceof EndpointPolicyError) {
    return new ApiError("conflict", error.message);
  }
  if (error instanceof PlatformError) {
    return new ApiError(error.kind === "request" ? "platform_refused" : "platform_unavailable", error.message);
  }
  console.error("[api] unexpected error", error);
  return new ApiError("internal", "An unexpected error occurred on the server. Details are in the server log.");
}

/** `request` gives the caller's Accept-Language: the API's own messages are sent in that language. */
export function errorResponse(error: unknown, request?: Request): Response {
  const e = toApiError(error);
  const locale = apiLocale(request);
  const message = localizeApiMessage(e.message, locale);
  const issues = e.issues ? localizeIssues(e.issues, locale) : undefined;
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (e.code === "unauthenticated") headers["www-authenticate"] = 'Bearer realm="device-service-console"';
  return Response.json({ error: { code: e.code, message, ...(issues ? { issues } : {}) } }, { status: e.status, headers });
}
