import { describe, expect, it } from "vitest";
import { aliyunDeviceCredentials, aliyunPassword, parseAliyunClientId, verifyAliyunLogin } from "./device-login";

const example = { id: "12345", deviceName: "device", productKey: "pk", timestamp: "789", secret: "secret" };

describe("Alibaba device MQTT login", () => {
  it("reproduces the published hmacsha1 example and the contract's hmacsha256 value", () => {
    expect(aliyunPassword({ ...example, signMethod: "hmacsha1" }).toUpperCase()).toBe("FAFD82A3D602B37FB0FA8B7892F24A477F851A14");
    expect(aliyunPassword({ ...example, signMethod: "hmacsha256" })).toBe("6074a46a91b1ebb2cc4ea42790ad0e80202c9843859fc292e57c4eb19fad9e57");
  });

  it("parses clientIds, including the Link SDK 4.x form", () => {
    expect(parseAliyunClientId("12345|securemode=3,signmethod=hmacsha1,timestamp=789|")).toEqual({
      id: "12345",
      signMethod: "hmacsha1",
      secureMode: "3",
      timestamp: "789",
    });
    expect(parseAliyunClientId("pk.dn|timestamp=1,_ss=1,_v=sdk-c-4.1.0,securemode=2,signmethod=hmacsha256,ext=3,|")).toMatchObject({
      id: "pk.dn",
      signMethod: "hmacsha256",
      secureMode: "2",
    });
    expect(parseAliyunClientId("dk|securemode=2,signmethod=sha256,timestamp=1|")).toBeNull();
    expect(parseAliyunClientId("no-pipes")).toBeNull();
  });

  it("accepts what the simulated devices send and refuses a wrong secret or device", () => {
    const creds = aliyunDeviceCredentials("a1DemoLamp", "lamp-001", "lamp-001-secret", 1700000000000);
    const secretOf = (pk: string, dn: string) => (pk === "a1DemoLamp" && dn === "lamp-001" ? "lamp-001-secret" : undefined);
    expect(verifyAliyunLogin(creds.clientId, creds.username, creds.password, secretOf)).toEqual({ productKey: "a1DemoLamp", deviceName: "lamp-001" });
    expect(verifyAliyunLogin(creds.clientId, creds.username, creds.password.toUpperCase(), secretOf)).not.toBeNull();
    expect(verifyAliyunLogin(creds.clientId, creds.username, "0".repeat(64), secretOf)).toBeNull();
    expect(verifyAliyunLogin(creds.clientId, "lamp-002&a1DemoLamp", creds.password, secretOf)).toBeNull();
    expect(verifyAliyunLogin(creds.clientId, undefined, creds.password, secretOf)).toBeNull();
  });
});
