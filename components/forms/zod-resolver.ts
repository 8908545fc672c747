// react-hook-form validation with the same zod schema the server action parses, so the browser and
// the server never disagree about what is valid. (@hookform/resolvers is not a dependency; this is
// the few lines of it the console needs.)
import type { FieldErrors, FieldValues, Resolver } from "react-hook-form";
import type { z } from "zod";

export function zodResolver<S extends z.ZodType<unknown, FieldValues>>(schema: S): Resolver<z.input<S>, unknown, z.output<S>> {
  return async (values) => {
    const parsed = await schema.safeParseAsync(values);
    if (parsed.success) return { values: parsed.data, errors: {} };
    const errors: Record<string, unknown> = {};
    for (const issue of parsed.error.issues) setFirst(errors, issue.path.map(String), { type: issue.code, message: issue.message });
    return { values: {}, errors: errors as FieldErrors<z.input<S>> };
  };
}

/** Nested like the form's values (RHF reads `errors.a.b`); the first issue per field wins. */
function setFirst(target: Record<string, unknown>, path: string[], error: { type: string; message: string }): void {
  const keys = path.length ? path : ["root"];
  let node = target;
  keys.slice(0, -1).forEach((key) => {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  });
  const last = keys[keys.length - 1]!;
  node[last] ??= error;
}
