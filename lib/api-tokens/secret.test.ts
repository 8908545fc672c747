import { describe, expect, it } from "vitest";
import { hashToken, looksLikeToken, newToken } from "./secret";

describe("API token secrets", () => {
  it("makes distinct prefixed tokens whose hash, not the token, is kept", () => {
    const a = newToken();
    const b = newToken();
    expect(a.token).toMatch(/^dsc_[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(hashToken(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.token.startsWith(a.prefix)).toBe(true);
    expect(a.prefix).toHaveLength(12);
    expect(looksLikeToken(a.token)).toBe(true);
    expect(looksLikeToken(`${a.token}x`)).toBe(false);
    expect(looksLikeToken("Bearer abc")).toBe(false);
  });
});
