"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { KeyRound, Loader2, Plus, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { createApiTokenAction } from "@/app/_actions/create-api-token";
import { revokeApiTokenAction } from "@/app/_actions/revoke-api-token";
import type { ApiTokenView } from "@/lib/api-tokens/tokens";
import { CopyButton } from "@/components/copy-button";
import { EmptyState } from "@/components/empty-state";
import { LocalTime } from "@/components/local-time";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export function TokenManager({ initial }: { initial: ApiTokenView[] }) {
  const [tokens, setTokens] = useState(initial);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const tr = useTranslations("tokens");
  const replace = (view: ApiTokenView) => setTokens((list) => list.map((t) => (t.id === view.id ? view : t)));

  return (
    <div className="space-y-4">
      <CreateTokenForm
        onCreated={(token, view) => {
          setTokens((list) => [view, ...list]);
          setCreated({ name: view.name, token });
        }}
      />
      {created && <NewToken name={created.name} token={created.token} onDone={() => setCreated(null)} />}
      {tokens.length === 0 ? (
        <EmptyState icon={KeyRound} title={tr("none")}>
          {tr("noneHint")}
        </EmptyState>
      ) : (
        <Card className="py-0">
          <Table aria-label={tr("title")}>
            <TableHeader>
              <TableRow>
                <TableHead>{tr("name")}</TableHead>
                <TableHead>{tr("token")}</TableHead>
                <TableHead>{tr("created")}</TableHead>
                <TableHead>{tr("lastUsed")}</TableHead>
                <TableHead>{tr("status")}</TableHead>
                <TableHead>
                  <span className="sr-only">{tr("actions")}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {tokens.map((t) => (
                <TokenRow key={t.id} token={t} onRevoked={replace} />
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
    </div>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: string, view: ApiTokenView) => void }) {
  const [name, setName] = useState("");
  const tr = useTranslations("tokens");
  const create = useMutation({
    mutationFn: async () => {
      const result = await createApiTokenAction({ name });
      if (!result.ok) throw new Error(result.issues?.[0]?.message ?? result.message);
      return result;
    },
    onSuccess: (result) => {
      setName("");
      onCreated(result.token, result.view);
    },
  });
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <div className="flex w-72 flex-col gap-1.5">
        <Label htmlFor="token-name">{tr("newName")}</Label>
        <Input id="token-name" value={name} onChange={(e) => setName(e.target.value)} placeholder={tr("namePlaceholder")} maxLength={100} />
      </div>
      <Button type="submit" disabled={create.isPending || !name.trim()}>
        {create.isPending ? <Loader2 className="animate-spin" aria-hidden="true" /> : <Plus aria-hidden="true" />}
        {tr("create")}
      </Button>
      {create.isError && <p className="w-full text-sm text-destructive">{create.error.message}</p>}
    </form>
  );
}

function NewToken({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  const tr = useTranslations("tokens");
  return (
    <Alert variant="warning" role="status">
      <TriangleAlert aria-hidden="true" />
      <AlertTitle>{tr("copyNow", { name })}</AlertTitle>
      <AlertDescription>
        <div className="flex items-center gap-1">
          <code data-testid="new-api-token" className="break-all rounded bg-card px-2 py-1 font-mono text-xs text-foreground">
            {token}
          </code>
          <CopyButton value={token} label={tr("apiToken")} />
        </div>
        <p>{tr("hashOnly")}</p>
        <Button variant="outline" size="sm" onClick={onDone}>
          {tr("copied")}
        </Button>
      </AlertDescription>
    </Alert>
  );
}

function TokenRow({ token: t, onRevoked }: { token: ApiTokenView; onRevoked: (view: ApiTokenView) => void }) {
  const [confirming, setConfirming] = useState(false);
  const tr = useTranslations("tokens");
  const revoke = useMutation({
    mutationFn: async () => {
      const result = await revokeApiTokenAction({ id: t.id });
      if (!result.ok) throw new Error(result.message);
      return result.view;
    },
    onSuccess: onRevoked,
  });
  return (
    <TableRow data-token-id={t.id}>
      <TableCell className="font-medium">{t.name}</TableCell>
      <TableCell>
        <code className="text-xs">{t.prefix}…</code>
      </TableCell>
      <TableCell>
        <LocalTime iso={t.createdAt} />
      </TableCell>
      <TableCell>
        <LocalTime iso={t.lastUsedAt} fallback={tr("never")} />
      </TableCell>
      <TableCell>{t.revokedAt ? <Badge variant="muted">{tr("revoked")}</Badge> : <Badge variant="success">{tr("active")}</Badge>}</TableCell>
      <TableCell className="text-right">
        {!t.revokedAt &&
          (confirming ? (
            <span className="inline-flex items-center gap-1">
              <Button variant="destructive" size="xs" disabled={revoke.isPending} onClick={() => revoke.mutate()}>
                {tr("revokeNamed", { name: t.name })}
              </Button>
              <Button variant="ghost" size="xs" onClick={() => setConfirming(false)}>
                {tr("keep")}
              </Button>
            </span>
          ) : (
            <Button variant="outline" size="xs" onClick={() => setConfirming(true)}>
              {tr("revoke")}
            </Button>
          ))}
        {revoke.isError && <p className="text-xs text-destructive">{revoke.error.message}</p>}
      </TableCell>
    </TableRow>
  );
}
