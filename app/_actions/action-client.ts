// The one shape of a server action: parse the arguments → the signed-in user → the lib call (which
// authorizes) → a small result. Expected failures come back as ActionFailure (action-failure.ts);
// anything else is logged on the server and reported without details.
import "server-only";
import type { z } from "zod";
import { requireUserForAction } from "@/lib/auth/session";
import type { CurrentUser } from "@/lib/invocations/types";
import { actionFailure, INVALID_MESSAGE, localizeFailure, type ActionFailure } from "./action-failure";

export type ActionResult<T extends object> = ({ ok: true } & T) | ActionFailure;

export async function runAction<S extends z.ZodType, T extends object>(
  schema: S,
  args: unknown,
  doing: string,
  run: (user: CurrentUser, input: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(args);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
    return localizeFailure({ ok: false, code: "invalid", message: INVALID_MESSAGE, issues });
  }
  try {
    const user = await requireUserForAction();
    return { ok: true, ...(await run(user, parsed.data)) };
  } catch (error) {
    return localizeFailure(actionFailure(error, doing));
  }
}
