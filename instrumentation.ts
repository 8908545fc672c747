// Next.js calls register() once per server process: start the reconciler there (Node runtime only).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.RECONCILER === "off") return;
  const { startReconciler } = await import("./lib/invocations/reconciler");
  startReconciler();
}
