import { CopyButton } from "@/components/copy-button";

/** A labelled identifier with a copy button; renders nothing useful to copy when the value is missing. */
export function CopyableId({ label, value, testId }: { label: string; value: string | null | undefined; testId?: string }) {
  return (
    <div className="flex min-w-0 items-center gap-1">
      <dt className="shrink-0 text-xs text-muted-foreground">{label}</dt>
      <dd className="flex min-w-0 items-center gap-0.5">
        {value ? (
          <>
            <code data-testid={testId} className="truncate rounded bg-muted px-1 py-0.5 text-xs" title={value}>
              {value}
            </code>
            <CopyButton value={value} label={label} />
          </>
        ) : (
          <span className="text-xs text-muted-foreground">—</span>
        )}
      </dd>
    </div>
  );
}
