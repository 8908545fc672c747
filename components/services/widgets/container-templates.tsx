"use client";

import type { ReactNode } from "react";
import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import {
  descriptionId,
  getUiOptions,
  type ArrayFieldItemTemplateProps,
  type ArrayFieldTemplateProps,
  type ObjectFieldTemplateProps,
} from "@rjsf/utils";
import { Button } from "@/components/ui/button";
import { itemTitle, optionText } from "./form-context";
import { RequiredMark } from "./field-template";

/** Structs as fieldsets; the root object is just the list of fields. */
export function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { title, description, properties, required, fieldPathId, uiSchema, registry } = props;
  const fields = (
    <div className="grid gap-4">
      {properties
        .filter((p) => !p.hidden)
        .map((p) => (
          <div key={p.name} className="min-w-0">
            {p.content}
          </div>
        ))}
    </div>
  );
  if (fieldPathId.$id === registry.globalFormOptions.idPrefix) return fields;
  return (
    <Fieldset
      id={fieldPathId.$id}
      title={itemTitle(title)}
      required={required}
      identifier={optionText(getUiOptions(uiSchema), "identifier")}
      description={typeof description === "string" ? description : undefined}
    >
      {fields}
    </Fieldset>
  );
}

function Fieldset(props: { id: string; title: string; required?: boolean; identifier?: string; description?: string; extra?: ReactNode; children: ReactNode }) {
  const { id, title, required, identifier, description, extra, children } = props;
  return (
    <fieldset className="min-w-0 rounded-md border bg-muted/20 px-3 pb-3 sm:px-4 sm:pb-4" aria-describedby={description ? descriptionId(id) : undefined}>
      <legend className="flex flex-wrap items-baseline gap-x-2 px-1 text-sm font-medium">
        <span>
          {title}
          {required && <RequiredMark />}
        </span>
        {identifier && identifier !== title && <code className="text-xs font-normal text-muted-foreground">{identifier}</code>}
        {extra}
      </legend>
      {description && (
        <p id={descriptionId(id)} className="mb-3 text-xs text-muted-foreground">
          {description}
        </p>
      )}
      <div className={description ? undefined : "pt-2"}>{children}</div>
    </fieldset>
  );
}

/** Arrays: a numbered list with move/remove per item, an add button, and the size bounds. */
export function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const t = useTranslations("form");
  const { canAdd, disabled, readonly, fieldPathId, items, onAddClick, required, schema, title, uiSchema } = props;
  const count = items.length;
  const full = schema.maxItems !== undefined && count >= schema.maxItems;
  return (
    <Fieldset
      id={fieldPathId.$id}
      title={itemTitle(title)}
      required={required}
      identifier={optionText(getUiOptions(uiSchema), "identifier")}
      description={schema.description}
      extra={
        <span id={`${fieldPathId.$id}__count`} className="text-xs font-normal text-muted-foreground">
          {sizeText(t, count, schema.minItems, schema.maxItems)}
        </span>
      }
    >
      {count > 0 && <ol className="mb-2 space-y-2">{items}</ol>}
      <Button
        variant="outline"
        size="sm"
        onClick={onAddClick}
        disabled={!canAdd || full || disabled || readonly}
        aria-describedby={`${fieldPathId.$id}__count`}
        id={`${fieldPathId.$id}__add`}
      >
        <Plus aria-hidden="true" />
        {t("addItem")}
      </Button>
    </Fieldset>
  );
}

type FormT = ReturnType<typeof useTranslations<"form">>;

export function sizeText(t: FormT, count: number, min?: number, max?: number): string {
  const items = t("items", { count });
  if (min !== undefined && max !== undefined) return t("itemsRange", { items, min, max });
  if (max !== undefined) return t("itemsAtMost", { items, max });
  if (min !== undefined) return t("itemsAtLeast", { items, min });
  return items;
}

export function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, buttonsProps, index, hasToolbar } = props;
  const { hasMoveUp, hasMoveDown, hasRemove, onMoveUpItem, onMoveDownItem, onRemoveItem, disabled, readonly } = buttonsProps;
  const off = disabled || readonly;
  const n = index + 1;
  const t = useTranslations("form");
  return (
    <li className="flex items-start gap-2">
      <span className="mt-2 w-5 shrink-0 text-right text-xs tabular-nums text-muted-foreground" aria-hidden="true">
        {n}.
      </span>
      <div className="min-w-0 flex-1">{children}</div>
      {hasToolbar && (
        <div className="flex shrink-0 gap-1 pt-0.5">
          <ItemButton label={t("moveUp", { n })} onClick={onMoveUpItem} disabled={off || !hasMoveUp}>
            <ArrowUp />
          </ItemButton>
          <ItemButton label={t("moveDown", { n })} onClick={onMoveDownItem} disabled={off || !hasMoveDown}>
            <ArrowDown />
          </ItemButton>
          {hasRemove && (
            <ItemButton label={t("removeItem", { n })} onClick={onRemoveItem} disabled={off}>
              <Trash2 />
            </ItemButton>
          )}
        </div>
      )}
    </li>
  );
}

function ItemButton({ label, onClick, disabled, children }: { label: string; onClick: () => void; disabled?: boolean; children: ReactNode }) {
  return (
    <Button variant="ghost" size="icon-sm" aria-label={label} title={label} onClick={() => onClick()} disabled={disabled}>
      {children}
    </Button>
  );
}
