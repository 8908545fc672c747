// The console's environment, read and validated once. Every message names the variable and the fix,
// because the person reading it is setting up a deployment, not reading this code.
// No `server-only`: scripts (start, migrate, seed) use it too. Never import it from client components.
import { z } from "zod";

const POSTGRES_PROTOCOLS = ["postgres:", "postgresql:"];
const MQTT_PROTOCOLS = ["mqtt:", "mqtts:", "ws:", "wss:", "tcp:"];

function urlWith(protocols: string[], example: string) {
  return z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { error: `must be a URL like ${example}` },
  );
}

function wholeNumber(min: number, max: number, what: string) {
  return z
    .string()
    .regex(/^\d+$/, { error: `must be ${what}` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: `must be ${what}` });
}

const port = (fallback: number) => wholeNumber(0, 65535, "a TCP port number (0-65535)").default(fallback);

const secretKey = z
  .string()
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: "must be base64 (generate one with `openssl rand -base64 32`)" })
  .transform((value) => Buffer.from(value, "base64"))
  .refine((key) => key.length === 32, {
    error: "must be exactly 32 bytes, base64-encoded (generate one with `openssl rand -base64 32`)",
  });

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    /** Set by `next build`; production-only requirements do not apply while building. */
    NEXT_PHASE: z.string().optional(),
    DATABASE_URL: urlWith(POSTGRES_PROTOCOLS, "postgresql://user:password@host:5432/database").optional(),
    DATABASE_POOL_MAX: wholeNumber(1, 100, "a whole number of connections between 1 and 100").default(10),
    DEBUG_SQL: z.enum(["0", "1"], { error: 'must be "1" (log SQL) or "0"' }).default("0").transform((v) => v === "1"),
    CONSOLE_SECRET_KEY: secretKey.optional(),
    BETTER_AUTH_SECRET: z.string().optional(),
    BETTER_AUTH_URL: urlWith(["http:", "https:"], "https://console.example.com").optional(),
    /** where platforms reach the console (ASYNC results of the older EnOS API); default BETTER_AUTH_URL */
    CONSOLE_PUBLIC_URL: urlWith(["http:", "https:"], "https://console.example.com").optional(),
    PORT: port(3000),
    EMULATOR: z.enum(["on", "off"], { error: 'must be "on" or "off" (or unset: on when no real connection exists)' }).optional(),
    EMULATOR_ENOS_PORT: port(4010),
    EMULATOR_ALIYUN_PORT: port(4020),
    EMULATOR_MQTT_PORT: port(18830),
    MQTT_URL: urlWith(MQTT_PROTOCOLS, "mqtt://broker.example.com:1883").optional(),
    /** unset: keep the history forever; otherwise `npm run history:retention` deletes older invocations */
    HISTORY_RETENTION_DAYS: wholeNumber(1, 36_500, "a whole number of days from 1 to 36500 (or unset to keep the history forever)").optional(),
    /** Platform hosts the console may reach over plain http (or at a private address); see lib/security/endpoint-policy.ts. */
    CONSOLE_HTTP_ALLOWLIST: z
      .string()
      .default("127.0.0.1,localhost,::1")
      .transform((v) => v.split(",").map((h) => h.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1")).filter(Boolean)),
  })
  .superRefine((env, ctx) => {
    const enforced = env.NODE_ENV === "production" && env.NEXT_PHASE !== "phase-production-build";
    if (enforced && env.BETTER_AUTH_SECRET !== undefined && env.BETTER_AUTH_SECRET.length < 32) {
      ctx.addIssue({
        code: "custom",
        path: ["BETTER_AUTH_SECRET"],
        message: "must be at least 32 characters in production (generate one with `openssl rand -base64 32`)",
      });
    }
  });

export type Env = z.output<typeof schema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Plain records too, so tests need not satisfy the NODE_ENV typing of `NodeJS.ProcessEnv`. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** Validates a given environment (tests pass their own); `env()` is the cached process one. */
export function parseEnv(source: EnvSource): Env {
  // `.env` files and shells often leave variables set but empty: treat those as unset.
  const present = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== "").map(([k, v]) => [k, v!.trim()]),
  );
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      // URLs, secrets and keys may carry credentials: never echo them.
      const got = name in present && !/URL|SECRET|KEY/.test(name) ? ` (got "${present[name]}")` : "";
      return `${name} ${issue.message}${got}`;
    }),
  );
}

let cached: Env | undefined;

export function env(): Env {
  return (cached ??= parseEnv(process.env));
}

/** DATABASE_URL, or an error saying how to get one. */
export function databaseUrl(e: Env = env()): string {
  if (e.DATABASE_URL) return e.DATABASE_URL;
  throw new Error(
    "DATABASE_URL is not set. Start the console with `npm start` or `npm run dev` (they start an embedded " +
      "PostgreSQL when DATABASE_URL is unset), or set DATABASE_URL=postgresql://user:password@host:5432/database.",
  );
}
