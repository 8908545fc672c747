import { describe, expect, it } from "vitest";
import { project } from "./projection";

const MODEL = {
  modelId: "m1",
  name: { defaultValue: "Pump", i18nValue: { zh_CN: "泵" } },
  attributes: { distances: [{ towards: "n", value: 1 }, { towards: "s", value: 2 }] },
  services: { reboot: { identifier: "reboot", callType: "SYNC" }, stop: { identifier: "stop", callType: "ASYNC" } },
};

describe("project", () => {
  it("returns the item unchanged without paths", () => {
    expect(project(MODEL, undefined)).toBe(MODEL);
    expect(project(MODEL, [])).toBe(MODEL);
  });

  it("crops to the documented example paths", () => {
    expect(project(MODEL, ["modelId", "name.defaultValue", "attributes.distances[*].towards"])).toEqual({
      modelId: "m1",
      name: { defaultValue: "Pump" },
      attributes: { distances: [{ towards: "n" }, { towards: "s" }] },
    });
  });

  it("matches any field with *", () => {
    expect(project(MODEL, ["services.*.identifier"])).toEqual({ services: { reboot: { identifier: "reboot" }, stop: { identifier: "stop" } } });
  });

  it("merges overlapping paths and skips missing ones", () => {
    expect(project(MODEL, ["name.defaultValue", "name.i18nValue.zh_CN", "nothing.here", "name.nothing", "attributes.distances[*].value"])).toEqual({
      name: { defaultValue: "Pump", i18nValue: { zh_CN: "泵" } },
      attributes: { distances: [{ value: 1 }, { value: 2 }] },
    });
  });
});
