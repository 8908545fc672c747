// Wiring for the emulator assembly (index.ts): simulated Alibaba devices and the broker's login
// rule for them.
import type { Behaviour } from "../devices";
import type { LoginCheck } from "../mqtt/broker";
import { SimulatedDevice } from "../mqtt/simulated-device";
import type { Seed } from "../seed";
import { compileAliyunProducts } from "./catalog";
import { verifyAliyunLogin } from "./device-login";
import { aliyunDeviceProtocol } from "./device-protocol";

export type AliyunSimFactory = (productKey: string, deviceName: string, behaviour: () => Behaviour | undefined) => SimulatedDevice | null;

/** Makes each seeded Alibaba device a real MQTT client answering from its product's TSL. */
export function aliyunSimulators(seed: Seed, mqttUrl: string, log: (line: string) => void): AliyunSimFactory {
  const products = compileAliyunProducts(seed);
  return (productKey, deviceName, behaviour) => {
    const device = seed.aliyun.devices.find((d) => d.productKey === productKey && d.deviceName === deviceName);
    const product = products.get(productKey);
    if (!device || !product) return null;
    const protocol = aliyunDeviceProtocol({ productKey, deviceName, secret: device.deviceSecret, services: product.services, behaviour });
    return new SimulatedDevice(mqttUrl, protocol, log);
  };
}

/** The embedded broker accepts Alibaba device logins signed with the device secret. */
export function aliyunLoginCheck(seed: Seed): LoginCheck {
  const secrets = new Map(seed.aliyun.devices.map((d) => [`${d.productKey}/${d.deviceName}`, d.deviceSecret]));
  return (clientId, username, password) => verifyAliyunLogin(clientId, username, password, (pk, dn) => secrets.get(`${pk}/${dn}`)) !== null;
}
