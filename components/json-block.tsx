import { CopyButton } from "@/components/copy-button";
import { cn } from "@/components/ui/cn";

export function toJson(value: unknown): string {
  return value === undefined ? "null" : JSON.stringify(value, null, 2);
}

export function JsonBlock({
  value,
  label,
  className,
  testId,
}: {
  value: unknown;
  label: string;
  className?: string;
  testId?: string;
}) {
  const json = toJson(value);
  return (
    <div className={cn("relative rounded-md border bg-muted/40", className)}>
      <CopyButton value={json} label={label} className="absolute right-1 top-1" />
      <pre
        data-testid={testId}
        aria-label={label}
        tabIndex={0}
        className="max-h-96 overflow-auto p-3 pr-10 font-mono text-xs leading-relaxed"
      >
        {json}
      </pre>
    </div>
  );
}
