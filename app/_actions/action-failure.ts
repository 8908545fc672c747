import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { NotSignedInError } from "@/lib/auth/session";
import { ConnectionDisabledError, ConnectionNotFoundError } from "@/lib/connections";
import { ForbiddenError, OutOfScopeError } from "@/lib/auth/permissions";
import { AdminError } from "@/lib/admin/admin-error";
import { EndpointPolicyError } from "@/lib/security/endpoint-policy";
import { ApiTokenError } from "@/lib/api-tokens/tokens";
import { PresetError } from "@/lib/presets/presets";
import { NotCancellableError } from "@/lib/invocations/cancel";
import { InputValidationError, type FieldIssue } from "@/lib/invocations/types";
import { PlatformError } from "@/lib/platforms/types";
import { localizeIssues } from "@/lib/i18n/issue-messages";
import { isLocale } from "@/lib/i18n/config";
import type { Locale } from "@/lib/thing-model/types";

export interface ActionFailure {
  ok: false;
  message: string;
  issues?: FieldIssue[];
  /**
   * unauthenticated: the session is missing or expired, so the page can offer to sign in again;
   * forbidden: the role or the user's grants do not allow it; invalid: see issues
   */
  code?: "unauthenticated" | "forbidden" | "invalid";
}

const EXPECTED: ReadonlyArray<new (...args: never[]) => Error> = [
  ConnectionNotFoundError,
  ConnectionDisabledError,
  NotCancellableError,
  EndpointPolicyError,
  AdminError,
  PlatformError,
  ApiTokenError,
  PresetError,
];

export const INVALID_MESSAGE = "Some values are not accepted. Fix the marked fields and try again.";
const UNEXPECTED = /^Could not (.+): an unexpected error occurred on the server\. Details are in the server log\.$/;

/**
 * The console's own fixed failure messages in the reader's language (cookie, else Accept-Language).
 * Messages of expected errors come from the libraries and stay as written.
 */
export async function localizeFailure(failure: ActionFailure): Promise<ActionFailure> {
  const locale = await getLocale();
  if (locale === "en-US") return failure;
  const t = await getTranslations("actions");
  const localized = failure.issues ? { ...failure, issues: localizeIssues(failure.issues, locale) } : failure;
  if (failure.message === INVALID_MESSAGE) return { ...localized, message: t("invalid") };
  if (failure.message === "The request is incomplete.") return { ...localized, message: t("incomplete") };
  if (UNEXPECTED.test(failure.message)) return { ...localized, message: t("unexpected") };
  return localized;
}

/** The reader's language (cookie, else Accept-Language), for messages written below the actions. */
export async function readerLocale(): Promise<Locale> {
  const locale = await getLocale();
  return isLocale(locale) ? locale : "en-US";
}

/** Expected errors keep their (user-readable) message; anything else is logged and reported generically. */
export function actionFailure(error: unknown, doing: string): ActionFailure {
  if (error instanceof InputValidationError) {
    return { ok: false, message: INVALID_MESSAGE, issues: error.issues, code: "invalid" };
  }
  if (error instanceof NotSignedInError) return { ok: false, message: error.message, code: "unauthenticated" };
  if (error instanceof ForbiddenError || error instanceof OutOfScopeError) return { ok: false, message: error.message, code: "forbidden" };
  if (error instanceof Error && EXPECTED.some((type) => error instanceof type)) {
    return { ok: false, message: error.message };
  }
  console.error(`[action] ${doing} failed`, error);
  return { ok: false, message: `Could not ${doing}: an unexpected error occurred on the server. Details are in the server log.` };
}
