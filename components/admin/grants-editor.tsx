"use client";

import { useState } from "react";
import { Loader2, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { setUserGrantsAction } from "@/app/_actions/set-user-grants";
import type { UserView } from "@/lib/admin/users";
import type { GrantInput } from "@/lib/admin/user-schema";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { ActionMessage, NO_ANSWER } from "./action-message";

export interface ConnectionOption {
  id: string;
  name: string;
  enabled: boolean;
}

interface Props {
  user: UserView;
  connections: ConnectionOption[];
  onSaved: () => void;
}

/** Engineers get whole connections (checkboxes); product users get products of connections (rows). */
export function GrantsEditor({ user, connections, onSaved }: Props) {
  const [grants, setGrants] = useState<GrantInput[]>(user.grants.map(({ connectionId, productKey }) => ({ connectionId, productKey })));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const t = useTranslations("grants");

  async function save() {
    setPending(true);
    setError(null);
    const result = await setUserGrantsAction({ id: user.id, grants }).catch(() => null);
    setPending(false);
    if (!result?.ok) return setError(result ? [result.message, ...(result.issues ?? []).map((i) => `${i.path}: ${i.message}`)].join(" ") : NO_ANSWER);
    onSaved();
  }

  return (
    <fieldset className="space-y-3 rounded-md border p-3" aria-label={t("accessOf", { email: user.email })}>
      <legend className="px-1 text-sm font-medium">{user.role === "engineer" ? t("connectionsLegend") : t("productsLegend")}</legend>
      {user.role === "engineer" ? (
        <ConnectionChecks connections={connections} grants={grants} onChange={setGrants} email={user.email} />
      ) : (
        <ProductRows connections={connections} grants={grants} onChange={setGrants} />
      )}
      <ActionMessage error={error} />
      <Button type="button" size="sm" onClick={() => void save()} disabled={pending}>
        {pending && <Loader2 className="animate-spin" aria-hidden="true" />}
        {t("save")}
      </Button>
    </fieldset>
  );
}

function ConnectionChecks({ connections, grants, onChange, email }: { connections: ConnectionOption[]; grants: GrantInput[]; onChange: (g: GrantInput[]) => void; email: string }) {
  const granted = new Set(grants.map((g) => g.connectionId));
  const t = useTranslations("grants");
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...grants, { connectionId: id, productKey: null }] : grants.filter((g) => g.connectionId !== id));
  return (
    <ul className="space-y-1.5">
      {connections.map((c) => (
        <li key={c.id}>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={granted.has(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} aria-label={t("connectionFor", { connection: c.name, email })} />
            {c.name}
            {!c.enabled && <span className="text-xs text-muted-foreground">{t("disabled")}</span>}
          </label>
        </li>
      ))}
    </ul>
  );
}

function ProductRows({ connections, grants, onChange }: { connections: ConnectionOption[]; grants: GrantInput[]; onChange: (g: GrantInput[]) => void }) {
  const update = (i: number, patch: Partial<GrantInput>) => onChange(grants.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  const first = connections[0];
  const t = useTranslations("grants");
  return (
    <div className="space-y-2">
      {grants.map((g, i) => (
        <div key={i} className="flex flex-wrap items-center gap-2">
          <NativeSelect className="w-56" aria-label={t("connection")} value={g.connectionId} onChange={(e) => update(i, { connectionId: e.target.value })}>
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </NativeSelect>
          <Input className="w-56" aria-label={t("productKey")} placeholder={t("productKey")} value={g.productKey ?? ""} onChange={(e) => update(i, { productKey: e.target.value })} />
          <Button type="button" variant="ghost" size="icon-sm" aria-label={t("remove")} onClick={() => onChange(grants.filter((_, j) => j !== i))}>
            <Trash2 aria-hidden="true" />
          </Button>
        </div>
      ))}
      {first && (
        <Button type="button" variant="outline" size="sm" onClick={() => onChange([...grants, { connectionId: first.id, productKey: "" }])}>
          <Plus aria-hidden="true" />
          {t("add")}
        </Button>
      )}
    </div>
  );
}
