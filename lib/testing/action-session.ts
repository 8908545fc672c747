// Real sessions for server actions called in-process by integration tests. Users sign in through
// Better Auth's own HTTP handler (password check, throttle hooks, session row, signed cookie); the
// actions then look the session up exactly as in production. The one thing a test supplies is the
// request transport: `next/headers`, which only exists inside a Next.js request, is replaced by
// `nextHeadersMock` reading the cookie set by `actAs`, and next-intl's request locale with it.
import { authBaseUrl } from "../auth/settings";
import { getAuth } from "../auth/auth";
import { env } from "../env";

const state = { headers: new Headers(), locale: "en-US" };

/** For `vi.mock("next/headers", ...)`: the request headers of the call being made. */
export const nextHeadersMock = {
  headers: async () => state.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => undefined, delete: () => undefined }),
};

/**
 * For `vi.mock("next-intl/server", ...)`: outside a Next.js request next-intl has no request locale
 * either; the actions answer in English (as for a browser that asks for English) unless a test
 * chooses another language with `readIn`. Catalogue lookups return their key.
 */
export const nextIntlServerMock = {
  getLocale: async () => state.locale,
  getTranslations: async () => (key: string) => key,
};

/** Subsequent action calls come from a reader of this language (en-US by default). */
export function readIn(locale: "en-US" | "zh-CN"): void {
  state.locale = locale;
}

/** Subsequent action calls carry this session cookie (null: no session at all). */
export function actAs(cookie: string | null): void {
  state.headers = new Headers(cookie ? { cookie } : {});
}

export const baseUrl = (): string => authBaseUrl(env());

/** Signs in over Better Auth's HTTP handler and returns the Cookie header value, or the refusal. */
export async function signIn(email: string, password: string, headers: Record<string, string> = {}): Promise<{ cookie: string | null; status: number; body: unknown }> {
  const response = await getAuth().handler(
    new Request(`${baseUrl()}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: baseUrl(), ...headers },
      body: JSON.stringify({ email, password }),
    }),
  );
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((c) => c.includes("session_token"))
    .join("; ");
  return { cookie: cookie || null, status: response.status, body: await response.json().catch(() => null) };
}
