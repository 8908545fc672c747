import { mkdtempSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadSecretKey, seal, unseal, UnsealError } from "./seal";

const key = randomBytes(32);

describe("seal/unseal", () => {
  it("round-trips text, including empty and non-ASCII", () => {
    for (const text of ["", "s3cr3t", "päss wörd 🔑", "x".repeat(10_000)]) {
      expect(unseal(seal(text, key), key)).toBe(text);
    }
  });

  it("uses the versioned format with a fresh 12-byte IV each time", () => {
    const a = seal("same", key);
    const b = seal("same", key);
    expect(a).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$/);
    expect(Buffer.from(a.split(":")[1]!, "base64")).toHaveLength(12);
    expect(a).not.toBe(b);
  });

  it("rejects a tampered ciphertext, tag or IV", () => {
    const [v, iv, tag, ct] = seal("secret value", key).split(":") as [string, string, string, string];
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, "base64");
      bytes[0]! ^= 1;
      return bytes.toString("base64");
    };
    for (const tampered of [[v, iv, tag, flip(ct)], [v, iv, flip(tag), ct], [v, flip(iv), tag, ct]]) {
      expect(() => unseal(tampered.join(":"), key)).toThrow(UnsealError);
    }
  });

  it("rejects the wrong key", () => {
    expect(() => unseal(seal("secret", key), randomBytes(32))).toThrow(/CONSOLE_SECRET_KEY/);
  });

  it("rejects malformed values and bad keys", () => {
    expect(() => unseal("plain text", key)).toThrow(UnsealError);
    expect(() => unseal(seal("x", key).replace(/^v1/, "v2"), key)).toThrow(UnsealError);
    expect(() => seal("x", randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe("loadSecretKey", () => {
  const tmpKeyFile = () => path.join(mkdtempSync(path.join(os.tmpdir(), "seal-")), "nested", "secret.key");

  it("uses CONSOLE_SECRET_KEY when set", () => {
    const configured = randomBytes(32);
    const loaded = loadSecretKey({ env: { CONSOLE_SECRET_KEY: configured.toString("base64") }, keyFile: tmpKeyFile() });
    expect(loaded.equals(configured)).toBe(true);
  });

  it("rejects a CONSOLE_SECRET_KEY that is not 32 base64 bytes, naming the variable", () => {
    const env = { CONSOLE_SECRET_KEY: randomBytes(16).toString("base64") };
    expect(() => loadSecretKey({ env, keyFile: tmpKeyFile() })).toThrow(/CONSOLE_SECRET_KEY must be exactly 32 bytes/);
    expect(() => loadSecretKey({ env: { CONSOLE_SECRET_KEY: "not base64!" }, keyFile: tmpKeyFile() })).toThrow(/CONSOLE_SECRET_KEY must be base64/);
  });

  it("outside production creates .data/secret.key once (mode 0600) and reuses it", () => {
    const keyFile = tmpKeyFile();
    const first = loadSecretKey({ env: { NODE_ENV: "development" }, keyFile });
    expect(first).toHaveLength(32);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(keyFile, "utf8").trim(), "base64").equals(first)).toBe(true);
    expect(loadSecretKey({ env: { NODE_ENV: "test" }, keyFile }).equals(first)).toBe(true);
  });

  it("in production without CONSOLE_SECRET_KEY fails with the fix, and does not create a key file", () => {
    const keyFile = tmpKeyFile();
    expect(() => loadSecretKey({ env: { NODE_ENV: "production" }, keyFile })).toThrow(/CONSOLE_SECRET_KEY is not set.*openssl rand -base64 32/s);
    expect(() => statSync(keyFile)).toThrow();
  });
});
