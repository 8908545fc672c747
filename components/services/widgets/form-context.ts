// What the input editor shares with its widgets through rjsf's formContext.

export interface InputFormContext {
  /** "json" while the JSON tab is shown: the fields stay mounted (keeping drafts) but hidden */
  view: "form" | "json";
  /** a JSON field reports text that does not parse (message), or that it parses again (null) */
  reportDraft: (id: string, problem: string | null) => void;
}

export function formContextOf(registry: { formContext?: unknown }): Partial<InputFormContext> {
  return (registry.formContext ?? {}) as Partial<InputFormContext>;
}

/** A ui:options value as a string, when it is one. */
export function optionText(options: Record<string, unknown>, key: string): string | undefined {
  const v = options[key];
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** rjsf names array items "<title>-<n>"; people read "<title> <n>". */
export function itemTitle(title: string): string {
  return title.replace(/-(\d+)$/, " $1");
}
