import { afterEach, describe, expect, it } from "vitest";
import type { ConnectionConfig } from "../types";
import { PlatformError } from "../types";
import { FakeEnos, closedPortUrl } from "./testing/fake-enos-server";
import { EnosTokenManager } from "./token";

let fake: FakeEnos | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

function connTo(f: FakeEnos, overrides: Partial<ConnectionConfig> = {}): ConnectionConfig {
  return {
    id: "c1",
    name: "Demo EnOS",
    platform: "enos",
    endpoint: f.url,
    orgId: "o15000000000001",
    accessKey: f.appKey,
    secretKey: f.appSecret,
    ...overrides,
  };
}

describe("EnosTokenManager", () => {
  it("fetches once for 50 concurrent callers and reuses the token", async () => {
    fake = await new FakeEnos({ tokenDelayMs: 30 }).start();
    const tokens = new EnosTokenManager();
    const conn = connTo(fake);
    const got = await Promise.all(Array.from({ length: 50 }, () => tokens.getToken(conn)));
    expect(new Set(got)).toEqual(new Set(["tok-1"]));
    expect(await tokens.getToken(conn)).toBe("tok-1");
    expect(fake.tokenGets).toBe(1);
    const sent = JSON.parse(fake.requests[0]!.body) as Record<string, unknown>;
    expect(typeof sent.timestamp).toBe("number");
    expect(Object.keys(sent).sort()).toEqual(["appKey", "encryption", "timestamp"]);
  });

  it("renews shortly before the platform's expiry", async () => {
    fake = await new FakeEnos({ expire: 7200 }).start();
    let now = Date.now();
    const tokens = new EnosTokenManager({ now: () => now, renewBeforeMs: 60_000 });
    const conn = connTo(fake);
    await tokens.getToken(conn);
    now += 7200_000 - 61_000;
    await tokens.getToken(conn);
    expect(fake.tokenGets).toBe(1);
    now += 2_000;
    await tokens.getToken(conn);
    expect(fake.tokenGets).toBe(2);
  });

  it("counts only the first invalidation of a token", async () => {
    fake = await new FakeEnos().start();
    const tokens = new EnosTokenManager();
    const conn = connTo(fake);
    const first = await tokens.getToken(conn);
    fake.expireTokens();
    expect(tokens.invalidate(conn, first)).toBe(true);
    expect(tokens.invalidate(conn, first)).toBe(false);
    const second = await tokens.getToken(conn);
    expect(second).not.toBe(first);
    expect(tokens.invalidate(conn, first)).toBe(false);
    expect(await tokens.getToken(conn)).toBe(second);
    expect(fake.tokenGets).toBe(2);
  });

  it("keeps one token per endpoint and access key", async () => {
    fake = await new FakeEnos().start();
    const tokens = new EnosTokenManager();
    await tokens.getToken(connTo(fake));
    await tokens.getToken(connTo(fake, { id: "c2", name: "Other name, same app" }));
    expect(fake.tokenGets).toBe(1);
    await expect(tokens.getToken(connTo(fake, { accessKey: "other" }))).rejects.toThrow(PlatformError);
    expect(fake.tokenGets).toBe(2);
  });

  it("fresh skips the cache", async () => {
    fake = await new FakeEnos().start();
    const tokens = new EnosTokenManager();
    const conn = connTo(fake);
    await tokens.getToken(conn);
    await tokens.getToken(conn, { fresh: true });
    expect(fake.tokenGets).toBe(2);
  });

  it("names the connection when the secret is wrong (1003)", async () => {
    fake = await new FakeEnos().start();
    const err = await new EnosTokenManager().getToken(connTo(fake, { secretKey: "wrong" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformError);
    expect(err).toMatchObject({ kind: "auth", code: "1003" });
    expect((err as Error).message).toBe(
      "EnOS rejected the credentials of connection “Demo EnOS” (code 1003: encryption verify failed). Check the access key and secret.",
    );
  });

  it.each([
    [1002, "auth", "Check the access key."],
    [1004, "auth", "this server's clock"],
    [1202, "auth", "access key and secret"],
    [1005, "platform", "Try again later."],
  ] as const)("maps token-service status %i to %s", async (status, kind, hint) => {
    fake = await new FakeEnos({ tokenAnswer: () => ({ json: { status, msg: "nope", submsg: null } }) }).start();
    const err = await new EnosTokenManager().getToken(connTo(fake)).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind, code: String(status) });
    expect((err as Error).message).toContain("“Demo EnOS”");
    expect((err as Error).message).toContain(hint);
  });

  it("retries a replayed request (1001) once with a new timestamp", async () => {
    let calls = 0;
    fake = await new FakeEnos({
      tokenAnswer: () =>
        ++calls === 1
          ? { json: { status: 1001, msg: "duplicate" } }
          : { json: { stauts: 0, msg: "SUCCESS", data: { accessToken: "tok-x", expire: "7200" } } },
    }).start();
    expect(await new EnosTokenManager().getToken(connTo(fake))).toBe("tok-x");
    expect(fake.tokenGets).toBe(2);
  });

  it("reports a non-JSON answer as a platform error with a snippet", async () => {
    fake = await new FakeEnos({ tokenAnswer: () => ({ status: 502, text: "<html>Bad Gateway</html>" }) }).start();
    const err = await new EnosTokenManager().getToken(connTo(fake)).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "platform" });
    expect((err as Error).message).toContain("HTTP 502");
    expect((err as Error).message).toContain("<html>Bad Gateway</html>");
  });

  it("reports a refused connection as network, not sent", async () => {
    const endpoint = await closedPortUrl();
    const conn: ConnectionConfig = { id: "c", name: "Down", platform: "enos", endpoint, accessKey: "a", secretKey: "s" };
    const err = await new EnosTokenManager().getToken(conn).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "network", notSent: true, code: "ECONNREFUSED" });
  });

  it("does not cache a failure", async () => {
    let fail = true;
    fake = await new FakeEnos({
      tokenAnswer: () => (fail ? { json: { status: 1005, msg: "busy" } } : { json: { status: 0, data: { accessToken: "t", expire: 60 } } }),
    }).start();
    const tokens = new EnosTokenManager();
    await expect(tokens.getToken(connTo(fake))).rejects.toThrow(/busy/);
    fail = false;
    expect(await tokens.getToken(connTo(fake))).toBe("t");
  });
});
