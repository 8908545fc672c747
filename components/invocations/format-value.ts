// Kept for existing imports: value formatting lives with the thing model (lib/thing-model/output.ts).
export { formatValue } from "@/lib/thing-model/output";
