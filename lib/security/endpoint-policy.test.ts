import { describe, expect, it } from "vitest";
import { assertEndpointAllowed, checkEndpoint, DEFAULT_HTTP_ALLOWLIST, EndpointPolicyError, isNonPublicAddress } from "./endpoint-policy";

const policy = { httpAllowlist: DEFAULT_HTTP_ALLOWLIST };
const refused = (url: string) => expect(() => checkEndpoint(url, policy), url).toThrow(EndpointPolicyError);

describe("endpoint policy", () => {
  it("accepts public https endpoints, with a port or a path", () => {
    for (const url of ["https://apim-ppe1.envisioniot.com", "https://iot.cn-shanghai.aliyuncs.com:443", "https://example.com/enosapi"]) {
      expect(checkEndpoint(url, policy).href).toContain(new URL(url).hostname);
    }
  });

  it("accepts http only for allow-listed hosts (the local emulator by default)", () => {
    for (const url of ["http://127.0.0.1:4010", "http://localhost:4010", "http://[::1]:4010", "http://LOCALHOST.:4010"]) checkEndpoint(url, policy);
    refused("http://apim.example.com");
    expect(() => checkEndpoint("http://10.1.2.3", { httpAllowlist: ["10.1.2.3"] })).not.toThrow();
  });

  it("refuses other schemes, credentials in the URL, queries and fragments", () => {
    for (const url of ["ftp://example.com", "file:///etc/passwd", "gopher://example.com", "javascript:alert(1)", "data:,x"]) refused(url);
    refused("https://user:pass@example.com");
    refused("https://user@example.com");
    refused("https://example.com/?x=1");
    refused("https://example.com/#x");
    refused("not a url");
  });

  it("refuses private, loopback, link-local and metadata addresses however they are written", () => {
    for (const url of [
      "https://169.254.169.254/latest/meta-data",
      "https://10.0.0.1",
      "https://192.168.1.1",
      "https://172.16.0.5",
      "https://127.0.0.2",
      "https://0x7f.0.0.2",
      "https://2130706434",
      "https://0177.0.0.2",
      "https://[::ffff:127.0.0.1]",
      "https://[fe80::1]",
      "https://[fd00::1]",
      "https://[::]",
      "https://0.0.0.0",
      "https://api.localhost",
      "https://intranet",
    ]) {
      refused(url);
    }
  });

  it("judges the address the URL parser reads, not the spelling: 0x7f.1 is 127.0.0.1", () => {
    const strict = { httpAllowlist: [] };
    for (const url of ["https://0x7f.1", "https://2130706433", "https://0177.0.0.1", "https://[::1]"]) {
      expect(() => checkEndpoint(url, strict), url).toThrow(/private or reserved address/);
    }
    expect(() => checkEndpoint("https://localhost", strict)).toThrow(/not a public domain name/);
    // on the default allow-list these are the emulator's loopback address, written oddly
    expect(checkEndpoint("http://0x7f.1:4010", policy).hostname).toBe("127.0.0.1");
  });

  it("classifies addresses", () => {
    expect(isNonPublicAddress("8.8.8.8")).toBe(false);
    expect(isNonPublicAddress("2606:4700::1111")).toBe(false);
    expect(isNonPublicAddress("100.64.0.1")).toBe(true);
    expect(isNonPublicAddress("::ffff:10.0.0.1")).toBe(true);
    expect(isNonPublicAddress("not-an-ip")).toBe(false);
  });

  it("refuses a public-looking name that resolves to a private address, and lets an unresolvable name through to fail on its own", async () => {
    const lookup = (answers: Record<string, string[]>) => async (host: string) => {
      const found = answers[host];
      if (!found) throw Object.assign(new Error("ENOTFOUND"), { code: "ENOTFOUND" });
      return found.map((address) => ({ address }));
    };
    const dns = lookup({ "rebind.example.com": ["93.184.216.34", "127.0.0.1"], "ok.example.com": ["93.184.216.34"] });
    await expect(assertEndpointAllowed("https://rebind.example.com", policy, dns)).rejects.toThrow(/resolves to a private or reserved address \(127\.0\.0\.1\)/);
    await expect(assertEndpointAllowed("https://ok.example.com", policy, dns)).resolves.toBeInstanceOf(URL);
    await expect(assertEndpointAllowed("https://nowhere.example.com", policy, dns)).resolves.toBeInstanceOf(URL);
  });
});
