import { describe, expect, it, vi } from "vitest";
import { serializeSignedCookie } from "better-call";

// the pure parts only: no database behind them
vi.mock("../db", () => ({ batchedSql: () => vi.fn() }));
vi.mock("./auth", () => ({ getAuth: () => ({}) }));
const { readCookie, verifySignedValue } = await import("./session-lookup");

const secret = "a-test-secret-of-some-length-0123456789";

/** The Cookie header a browser sends back for a Set-Cookie that Better Auth (better-call) signed. */
async function signedCookie(name: string, token: string, key = secret): Promise<string> {
  const setCookie = await serializeSignedCookie(name, token, key);
  return setCookie.split(";")[0]!;
}

describe("session cookie verification", () => {
  it("accepts the value Better Auth signs, and reads the token from it", async () => {
    const header = `theme=dark; ${await signedCookie("better-auth.session_token", "tok_ABC123xyz")}; other=1`;
    const value = readCookie(header, "better-auth.session_token");
    expect(value).not.toBeNull();
    expect(verifySignedValue(value!, secret)).toBe("tok_ABC123xyz");
  });

  it("refuses a value signed with another secret, a changed token and a missing signature", async () => {
    const forged = readCookie(await signedCookie("s", "tok_1", "another-secret-entirely-0123456789"), "s")!;
    expect(verifySignedValue(forged, secret)).toBeNull();
    const good = readCookie(await signedCookie("s", "tok_1"), "s")!;
    expect(verifySignedValue(good.replace("tok_1", "tok_2"), secret)).toBeNull();
    expect(verifySignedValue("tok_1", secret)).toBeNull();
    expect(verifySignedValue(`tok_1.${"A".repeat(43)}=`, secret)).toBeNull();
  });

  it("reads only the named cookie, the first of duplicates, and tolerates bad encodings", () => {
    expect(readCookie("a=1; b=2; a=3", "a")).toBe("1");
    expect(readCookie("xa=1; a =2", "a")).toBe("2");
    expect(readCookie('a="q%2Bv"', "a")).toBe("q+v");
    expect(readCookie("a=%E0%A4%A", "a")).toBe("%E0%A4%A");
    expect(readCookie(null, "a")).toBeNull();
    expect(readCookie("b=1", "a")).toBeNull();
  });
});
