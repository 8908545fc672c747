"use client";

import { useState } from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { BookmarkPlus, History, Loader2, Save, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { deletePresetAction } from "@/app/_actions/delete-preset";
import { listPresetsAction } from "@/app/_actions/list-presets";
import { savePresetAction } from "@/app/_actions/save-preset";
import type { PresetScope, PresetView } from "@/lib/presets/presets";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";

interface Props {
  scope: PresetScope;
  /** the form's current values, saved into a preset */
  formData: unknown;
  /** fills the form with a preset's input */
  onFill: (input: Record<string, unknown>) => void;
  /** the invocation the form was filled from ("Invoke again"), if any */
  filledFrom?: string;
}

type Editing = { mode: "new" } | { mode: "update"; preset: PresetView };

/** An action's success value; its failure message as an error (react-query shows it). */
async function unwrap<T extends { ok: boolean }>(p: Promise<T>): Promise<Extract<T, { ok: true }>> {
  const result = await p;
  if (!result.ok) throw new Error((result as { message?: string }).message ?? "The server refused the request.");
  return result as Extract<T, { ok: true }>;
}

/** Named inputs shared by the team for this service: pick one to fill the form, save the form as one. */
export function PresetBar({ scope, formData, onFill, filledFrom }: Props) {
  const queryClient = useQueryClient();
  const t = useTranslations("presets");
  const key = ["presets", scope.connectionId, scope.productKey, scope.serviceId];
  const presets = useQuery({ queryKey: key, queryFn: async () => (await unwrap(listPresetsAction(scope))).presets });
  const [selectedId, setSelectedId] = useState("");
  const [editing, setEditing] = useState<Editing | null>(null);
  const selected = presets.data?.find((p) => p.id === selectedId);
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(deletePresetAction({ id })),
    onSuccess: () => {
      setSelectedId("");
      void refresh();
    },
  });

  return (
    <section aria-label={t("title")} className="space-y-2 rounded-md border border-dashed p-3">
      {filledFrom && (
        <p className="flex items-center gap-1.5 text-xs text-muted-foreground" data-testid="filled-from">
          <History className="size-3.5" aria-hidden="true" />
          {t.rich("filledFrom", {
            id: filledFrom.slice(0, 8),
            link: (chunks) => (
              <Link href={`/history/${filledFrom}`} className="font-mono text-primary hover:underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
      )}
      <div className="flex flex-wrap items-end gap-2">
        <div className="flex min-w-56 flex-col gap-1.5">
          <Label htmlFor="preset-select">{t("preset")}</Label>
          <NativeSelect
            id="preset-select"
            value={selectedId}
            disabled={!presets.data?.length}
            onChange={(e) => {
              setSelectedId(e.target.value);
              const preset = presets.data?.find((p) => p.id === e.target.value);
              if (preset) onFill(preset.input);
            }}
          >
            <option value="">{presets.isPending ? t("loading") : presets.data?.length ? t("fillFrom") : t("none")}</option>
            {presets.data?.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} — {p.authorEmail}
              </option>
            ))}
          </NativeSelect>
        </div>
        <Button type="button" variant="outline" size="sm" onClick={() => setEditing({ mode: "new" })}>
          <BookmarkPlus aria-hidden="true" /> {t("saveAs")}
        </Button>
        {selected?.canEdit && (
          <>
            <Button type="button" variant="outline" size="sm" onClick={() => setEditing({ mode: "update", preset: selected })}>
              <Save aria-hidden="true" /> {t("update", { name: selected.name })}
            </Button>
            <Button type="button" variant="ghost" size="sm" disabled={remove.isPending} onClick={() => remove.mutate(selected.id)}>
              <Trash2 aria-hidden="true" /> {t("delete")}
            </Button>
          </>
        )}
      </div>
      {editing && (
        <PresetNameForm
          key={editing.mode === "update" ? editing.preset.id : "new"}
          editing={editing}
          scope={scope}
          formData={formData}
          onDone={(saved) => {
            setEditing(null);
            if (saved) {
              setSelectedId(saved.id);
              void refresh();
            }
          }}
        />
      )}
      {(presets.isError || remove.isError) && <p className="text-xs text-destructive">{(presets.error ?? remove.error)?.message}</p>}
    </section>
  );
}

function PresetNameForm({
  editing,
  scope,
  formData,
  onDone,
}: {
  editing: Editing;
  scope: PresetScope;
  formData: unknown;
  onDone: (saved: PresetView | null) => void;
}) {
  const [name, setName] = useState(editing.mode === "update" ? editing.preset.name : "");
  const t = useTranslations("presets");
  const input = formData && typeof formData === "object" && !Array.isArray(formData) ? (formData as Record<string, unknown>) : {};
  const save = useMutation({
    mutationFn: async () => {
      const args = editing.mode === "new" ? { create: scope, name, input } : { update: editing.preset.id, name, input };
      return (await unwrap(savePresetAction(args))).preset;
    },
    onSuccess: (preset) => onDone(preset),
  });
  // not a <form>: this sits inside the service form, and a nested form would submit the invocation
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="flex w-64 flex-col gap-1.5">
        <Label htmlFor="preset-name">{editing.mode === "new" ? t("newName") : t("name")}</Label>
        <Input
          id="preset-name"
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              save.mutate();
            }
          }}
        />
      </div>
      <Button type="button" size="sm" disabled={save.isPending || !name.trim()} onClick={() => save.mutate()}>
        {save.isPending && <Loader2 className="animate-spin" aria-hidden="true" />}
        {editing.mode === "new" ? t("saveCurrent") : t("saveOver")}
      </Button>
      <Button type="button" variant="ghost" size="sm" onClick={() => onDone(null)}>
        {t("cancel")}
      </Button>
      {save.isError && <p className="w-full text-xs text-destructive">{save.error.message}</p>}
    </div>
  );
}
