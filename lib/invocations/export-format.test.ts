import { describe, expect, it } from "vitest";
import { csvField, csvHeader, csvRecord, exportFileName, jsonLine } from "./export-format";
import type { InvocationView } from "./types";

const view: InvocationView = {
  id: "3f1c2a52-2c1e-4c7b-9a55-0d9b0c8d5e11",
  userId: "u1",
  userEmail: "engineer@example.com",
  userRole: "engineer",
  connectionId: "c1",
  connectionName: "Demo, EnOS",
  platform: "enos",
  orgId: null,
  productKey: "demoPump",
  deviceKey: "pump-001",
  assetId: null,
  deviceName: 'Pump "one"',
  serviceId: "setMode",
  serviceName: null,
  input: { label: "=HYPERLINK(1)", speed: -1.5 },
  reason: null,
  mode: "instant",
  timeoutMs: 30000,
  pendingTtlS: null,
  status: "FAILED",
  output: null,
  platformCode: "11900",
  platformMessage: "line one\nline two",
  message: "-offline",
  platformRequestId: "r1",
  commandId: "42",
  messageId: null,
  rawState: null,
  requestedAt: "2026-11-23T10:00:00.123Z",
  sentAt: null,
  deviceRepliedAt: null,
  completedAt: "2026-11-23T10:00:01.000Z",
  latencyMs: -0,
  events: [{ at: "2026-11-23T10:00:00.123Z", type: "recorded", data: null }],
};

describe("CSV export", () => {
  it("quotes fields with commas, quotes and line breaks, and doubles inner quotes", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("a\nb")).toBe('"a\nb"');
    expect(csvField(" padded")).toBe('" padded"');
    expect(csvField("plain")).toBe("plain");
    expect(csvField(null)).toBe("");
  });

  it("neutralises cells a spreadsheet would run as a formula, but keeps numbers raw", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(csvField(`${start}1+1`).replace(/^"/, "")).toMatch(/^'/);
    expect(csvField("=SUM(A1:A2)")).toBe("'=SUM(A1:A2)");
    expect(csvField(-12.5, "number")).toBe("-12.5");
    expect(csvField(30000, "number")).toBe("30000");
  });

  it("writes one CRLF-terminated record per invocation under the header, times in ISO-8601 UTC", () => {
    const header = csvHeader();
    const record = csvRecord(view);
    expect(header.endsWith("\r\n")).toBe(true);
    const columns = header.trimEnd().split(",");
    expect(columns.slice(0, 7)).toEqual(["id", "requestedAt", "sentAt", "deviceRepliedAt", "completedAt", "latencyMs", "status"]);
    expect(record.startsWith(`${view.id},2026-11-23T10:00:00.123Z,,,2026-11-23T10:00:01.000Z,0,FAILED,`)).toBe(true);
    expect(record).toContain('"Demo, EnOS"');
    expect(record).toContain('"Pump ""one"""');
    expect(record).toContain('"{""label"":""=HYPERLINK(1)"",""speed"":-1.5}"');
    expect(record).toContain('"line one\nline two"');
    expect(record).toContain(",'-offline,");
    expect(record.endsWith("\r\n")).toBe(true);
  });
});

describe("JSON lines export", () => {
  it("writes the view without its events, one line each", () => {
    const line = jsonLine(view);
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).not.toContain("\n");
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(parsed).not.toHaveProperty("events");
    expect(parsed).toMatchObject({ id: view.id, input: view.input, status: "FAILED" });
  });

  it("names files by format and time, without characters a file system refuses", () => {
    expect(exportFileName("csv", new Date("2026-11-23T10:00:00.123Z"))).toBe("invocations-2026-11-23T10-00-00-123Z.csv");
  });
});
