import { ErrorSchemaBuilder, type ErrorSchema } from "@rjsf/utils";
import type { FieldIssue } from "@/lib/invocations/types";

/** Issue paths that name the request rather than a form field. */
const REQUEST_PATHS = new Set(["", "input", "serviceId", "timeout", "timeoutMs", "pendingTtlS", "device", "connectionId"]);

/** "a.b[0].c", "a/b/0/c" or "/a/b" → ["a", "b", "0", "c"]; a leading "input" names the form root. */
export function issuePath(path: string): string[] {
  const parts = path
    .replace(/\[(\w+)\]/g, ".$1")
    .split(/[./]/)
    .filter(Boolean);
  return parts[0] === "input" ? parts.slice(1) : parts;
}

export function isFieldIssue(issue: FieldIssue): boolean {
  return !REQUEST_PATHS.has(issue.path) && issuePath(issue.path).length > 0;
}

/** Server-side issues as rjsf `extraErrors`, so each shows under its field. */
export function toErrorSchema(issues: FieldIssue[]): ErrorSchema {
  const builder = new ErrorSchemaBuilder();
  for (const issue of issues) {
    if (isFieldIssue(issue)) builder.addErrors(issue.message, issuePath(issue.path));
  }
  return builder.ErrorSchema;
}

export function timeoutIssue(issues: FieldIssue[]): string | null {
  return issues.find((i) => i.path === "timeout" || i.path === "timeoutMs")?.message ?? null;
}
