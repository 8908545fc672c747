// The browser side of validation: the same ajv options as the server (ajv-options.ts) and the same
// messages (messages.ts), so a field shows what the server would answer.
import { customizeValidator } from "@rjsf/validator-ajv8";
import type { ErrorTransformer, RJSFSchema, RJSFValidationError, ValidatorType } from "@rjsf/utils";
import type { FieldIssue } from "@/lib/invocations/types";
import { AJV_OPTIONS } from "@/lib/thing-model/ajv-options";
import { issueFor } from "@/lib/thing-model/messages";
import type { Locale, ParamSpec } from "@/lib/thing-model/types";

export const formValidator: ValidatorType = customizeValidator({ ajvOptionsOverrides: { ...AJV_OPTIONS } });

/** rjsf property ".config.items.2" -> ["config", "items", "2"] */
function segmentsOf(property: string | undefined): string[] {
  return (property ?? "").split(".").filter(Boolean);
}

/** rjsf errors with our messages; one error per field (a bad enum fails type, const and oneOf at once). */
export function transformErrorsFor(inputs: readonly ParamSpec[] | undefined, locale: Locale = "en-US"): ErrorTransformer {
  return (errors) => {
    const out: RJSFValidationError[] = [];
    const seen = new Set<string>();
    for (const error of errors) {
      const issue = inputs ? issueOf(inputs, error, locale) : { path: segmentsOf(error.property).join("."), message: error.message ?? "is not valid" };
      if (seen.has(issue.path)) continue;
      seen.add(issue.path);
      out.push({ ...error, property: issue.path ? `.${issue.path}` : "", message: issue.message, stack: `${issue.path || "input"} ${issue.message}` });
    }
    return out;
  };
}

function issueOf(inputs: readonly ParamSpec[], error: RJSFValidationError, locale: Locale): FieldIssue {
  const params = (error.params ?? {}) as { additionalProperty?: string; limit?: number };
  // rjsf has already appended a missing property to `property`
  return issueFor(inputs, {
    segments: segmentsOf(error.property),
    keyword: error.name ?? "",
    additionalProperty: params.additionalProperty,
    limit: params.limit,
    fallback: error.message,
  }, locale);
}

/** The schema errors of a value, as the JSON view lists them. */
export function schemaIssues(value: unknown, schema: RJSFSchema, transform: ErrorTransformer): FieldIssue[] {
  const { errors } = formValidator.validateFormData(value, schema, undefined, transform);
  return errors.map((e) => ({ path: segmentsOf(e.property).join("."), message: e.message ?? "is not valid" }));
}
