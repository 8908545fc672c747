import { describe, expect, it } from "vitest";
import type { RJSFSchema } from "@rjsf/utils";
import { aliyunServices } from "@/lib/thing-model/aliyun";
import { enosServices } from "@/lib/thing-model/enos";
import { inputSchema } from "@/lib/thing-model/json-schema";
import { everyTypeTsl } from "@/lib/thing-model/testing/aliyun-tsl.fixture";
import { everyTypeModel } from "@/lib/thing-model/testing/enos-model.fixture";
import type { ServiceSpec } from "@/lib/thing-model/types";
import { validateInput } from "@/lib/thing-model/validate";
import { schemaIssues, transformErrorsFor } from "./form-validation";

const [enos] = enosServices(everyTypeModel);
const [, aliyun] = aliyunServices(everyTypeTsl);
if (!enos || !aliyun) throw new Error("fixture services missing");

const enosValid = {
  speed: 1500, ratio: 0.5, power: 2.25, label: "pump-1", enabled: true, mode: 2, level: "high", day: "2019-05-06",
  at: 1700000000000, firmware: "ftp://a.com/demo.txt", config: { int11: 1, items: [1.5, 2] }, points: [1, 2, 3],
};
const aliyunValid = {
  level: 10, gamma: 1.5, power: -2.5, label: "x", when: 1536228947682, enabled: false, mode: 1,
  zone: { x: 0.5, y: 4 }, points: [1, 2.25], pairs: [{ k: "a", v: 7 }],
};

/** What the form shows, as the server's (path, message) list, order aside. */
function formIssues(spec: ServiceSpec, value: unknown) {
  const { $schema: _draft, ...schema } = inputSchema(spec);
  return schemaIssues(value, schema as RJSFSchema, transformErrorsFor(spec.inputs)).sort(byPath);
}
function serverIssues(spec: ServiceSpec, value: unknown) {
  const result = validateInput(spec, value);
  return result.ok ? [] : [...result.issues].sort(byPath);
}
const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);

describe("the form's validation", () => {
  it.each([
    ["EnOS", enos, enosValid],
    ["Alibaba", aliyun, aliyunValid],
  ] as const)("accepts what the server accepts (%s)", (_platform, spec, valid) => {
    expect(serverIssues(spec, valid)).toEqual([]);
    expect(formIssues(spec, valid)).toEqual([]);
  });

  it.each([
    ["EnOS", enos, { ...enosValid, speed: 2 ** 31, mode: 7, enabled: "yes", day: "2019-02-30", at: -1 }],
    ["EnOS nested", enos, { ...enosValid, config: { items: [1, "x"], other: 1 }, points: [1, 2.5], extra: 0 }],
    ["EnOS missing", enos, { label: "123456789" }],
    ["Alibaba", aliyun, { ...aliyunValid, level: 101, gamma: 0, label: "x".repeat(21), points: [1, 2, 3, 4, 5] }],
    ["Alibaba nested", aliyun, { ...aliyunValid, zone: { x: 11 }, pairs: [{ k: "123456789", v: "7" }] }],
  ] as const)("names the same fields with the same messages as the server (%s)", (_case, spec, bad) => {
    const server = serverIssues(spec, bad);
    expect(server.length).toBeGreaterThan(0);
    expect(formIssues(spec, bad)).toEqual(server);
  });

  it("counts string length in UTF-16 units, as the platforms do", () => {
    const emoji = { ...enosValid, label: "😀😀😀😀😀" }; // 5 characters, 10 units; maxLength 8
    expect(serverIssues(enos, emoji)).toEqual([{ path: "label", message: "must be a string of at most 8 characters" }]);
    expect(formIssues(enos, emoji)).toEqual(serverIssues(enos, emoji));
  });

  it("names nested paths like config.items.1", () => {
    expect(formIssues(enos, { ...enosValid, config: { int11: 1, items: [1, "x"] } })).toEqual([
      { path: "config.items.1", message: "must be a number" },
    ]);
  });
});
