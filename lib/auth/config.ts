// Auth vocabulary shared by pages, the seed script and the auth server; no secrets, no DB, no env.

export const ROLES = ["admin", "engineer", "manager", "product"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Only same-site paths, so a crafted `?next=` cannot send a user elsewhere after sign-in. */
export function safeNextPath(next: string | null | undefined, fallback = "/connections"): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  if (next === "/login" || next.startsWith("/login?") || next.startsWith("/api/")) return fallback;
  return next;
}
