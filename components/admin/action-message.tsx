import { Alert, AlertDescription } from "@/components/ui/alert";

/** The outcome of the last admin change: an error to fix, or a short confirmation. */
export function ActionMessage({ error, done }: { error?: string | null; done?: string | null }) {
  if (error) {
    return (
      <Alert variant="destructive" role="alert">
        <AlertDescription>{error}</AlertDescription>
      </Alert>
    );
  }
  if (done) {
    return (
      <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
        {done}
      </p>
    );
  }
  return null;
}

export const NO_ANSWER = "The console server did not answer. Check that it is running, then try again.";
