import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { databaseUrl, EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("applies defaults to an empty environment", () => {
    expect(parseEnv({})).toMatchObject({
      NODE_ENV: "development",
      DATABASE_POOL_MAX: 10,
      DEBUG_SQL: false,
      PORT: 3000,
      EMULATOR_ENOS_PORT: 4010,
      EMULATOR_ALIYUN_PORT: 4020,
      EMULATOR_MQTT_PORT: 18830,
    });
  });

  it("converts and decodes values", () => {
    const key = randomBytes(32);
    const e = parseEnv({ DATABASE_POOL_MAX: "4", DEBUG_SQL: "1", PORT: "8080", CONSOLE_SECRET_KEY: key.toString("base64") });
    expect(e).toMatchObject({ DATABASE_POOL_MAX: 4, DEBUG_SQL: true, PORT: 8080 });
    expect(e.CONSOLE_SECRET_KEY?.equals(key)).toBe(true);
  });

  it("treats empty values as unset", () => {
    const e = parseEnv({ DATABASE_URL: "", PORT: "  " });
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.PORT).toBe(3000);
  });

  it("names every bad variable with the fix, without echoing secrets", () => {
    const source = {
      DATABASE_URL: "mysql://root:hunter2@db/x",
      DATABASE_POOL_MAX: "lots",
      CONSOLE_SECRET_KEY: "c2hvcnQ=",
      PORT: "70000",
      MQTT_URL: "http://broker",
    };
    const error = (() => {
      try {
        parseEnv(source);
      } catch (e) {
        return e as EnvError;
      }
      throw new Error("expected an EnvError");
    })();
    expect(error).toBeInstanceOf(EnvError);
    expect(error.problems).toEqual([
      expect.stringMatching(/^DATABASE_URL must be a URL like postgresql:\/\//),
      expect.stringMatching(/^DATABASE_POOL_MAX must be a whole number .* \(got "lots"\)/),
      expect.stringMatching(/^CONSOLE_SECRET_KEY must be exactly 32 bytes.*openssl rand -base64 32/),
      expect.stringMatching(/^PORT must be a TCP port number/),
      expect.stringMatching(/^MQTT_URL must be a URL like mqtt:\/\//),
    ]);
    expect(error.message).not.toContain("hunter2");
  });

  it("requires a long BETTER_AUTH_SECRET in production, but not while building", () => {
    expect(() => parseEnv({ NODE_ENV: "production", BETTER_AUTH_SECRET: "short" })).toThrow(/BETTER_AUTH_SECRET must be at least 32/);
    expect(() => parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build", BETTER_AUTH_SECRET: "short" })).not.toThrow();
  });

  it("databaseUrl() explains how to get a database", () => {
    expect(() => databaseUrl(parseEnv({}))).toThrow(/DATABASE_URL is not set.*npm start/);
    expect(databaseUrl(parseEnv({ DATABASE_URL: "postgresql://u@h/db" }))).toBe("postgresql://u@h/db");
  });
});
