import { describe, expect, it } from "vitest";
import { deviceCredentials, loginPassword, parseClientId, verifyLogin } from "./device-login";

// Vector from the EnOS device-connection notes.
const VECTOR = { id: "dk01", deviceKey: "dk01", productKey: "pk01", timestamp: "1700000000000", secret: "devSecret01" };

describe("EnOS device login password", () => {
  it("matches the sha256 vector", () => {
    expect(loginPassword(VECTOR)).toBe("0D9D82C3AAA51E7F0020C05BCA5595B904568331D2DCBEBA110C6A73E681D508");
  });

  it("matches the sha1 vector, and hmacsha1 means plain SHA-1 as the Java SDK computes it", () => {
    const sha1 = "D3A9888DBA595A17049AFD070B57ECDAC9F1BB3A";
    expect(loginPassword({ ...VECTOR, signMethod: "sha1" })).toBe(sha1);
    expect(loginPassword({ ...VECTOR, signMethod: "hmacsha1" })).toBe(sha1);
  });
});

describe("device credentials", () => {
  const secrets = (pk: string, dk: string) => (pk === "pk01" && dk === "dk01" ? "devSecret01" : undefined);

  it("builds the Node SDK form and the broker accepts it", () => {
    const c = deviceCredentials("pk01", "dk01", "devSecret01", 1700000000000);
    expect(c.clientId).toBe("dk01|securemode=2,signmethod=sha256,timestamp=1700000000000|");
    expect(c.username).toBe("dk01&pk01");
    expect(c.password).toBe("0D9D82C3AAA51E7F0020C05BCA5595B904568331D2DCBEBA110C6A73E681D508");
    expect(verifyLogin(c.clientId, c.username, c.password, secrets)).toEqual({ productKey: "pk01", deviceKey: "dk01" });
  });

  it("refuses a wrong secret, a lower-case password, an unknown device and a bad client id", () => {
    const c = deviceCredentials("pk01", "dk01", "devSecret01", 1700000000000);
    const wrong = deviceCredentials("pk01", "dk01", "other", 1700000000000);
    expect(verifyLogin(c.clientId, c.username, wrong.password, secrets)).toBeNull();
    expect(verifyLogin(c.clientId, c.username, c.password.toLowerCase(), secrets)).toBeNull();
    expect(verifyLogin(c.clientId, "dk02&pk01", c.password, secrets)).toBeNull();
    expect(verifyLogin("dk01", c.username, c.password, secrets)).toBeNull();
  });

  it("parses the client id", () => {
    expect(parseClientId("dk01|securemode=2,signmethod=sha1,timestamp=1|")).toEqual({
      id: "dk01",
      secureMode: 2,
      signMethod: "sha1",
      timestamp: "1",
    });
    expect(parseClientId("dk01|securemode=2,signmethod=sha512,timestamp=1|")).toBeNull();
  });
});
