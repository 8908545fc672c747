import { describe, expect, it } from "vitest";
import { historyFilterToSearchParams, parseHistoryFilter } from "./history-filter";
import { escapeLike, historyWhere, uuidPrefixRange } from "./history-where";

describe("history filter", () => {
  it("reads every filter from a URL and writes the same URL back", () => {
    const qs =
      "from=2026-11-01T00%3A00%3A00.000Z&to=2026-11-02T00%3A00%3A00.000Z&connection=3f1c2a52-2c1e-4c7b-9a55-0d9b0c8d5e11" +
      "&platform=enos&product=demoPump&device=pump-001&service=setMode&user=engineer%40example.com&status=FAILED%2CTIMED_OUT&q=abc";
    const parsed = parseHistoryFilter(new URLSearchParams(qs));
    expect(parsed).toEqual({
      ok: true,
      filter: {
        from: "2026-11-01T00:00:00.000Z",
        to: "2026-11-02T00:00:00.000Z",
        connection: "3f1c2a52-2c1e-4c7b-9a55-0d9b0c8d5e11",
        platform: "enos",
        product: "demoPump",
        device: "pump-001",
        service: "setMode",
        user: "engineer@example.com",
        status: ["FAILED", "TIMED_OUT"],
        q: "abc",
      },
    });
    expect(parsed.ok && historyFilterToSearchParams(parsed.filter).toString()).toBe(qs);
  });

  it("accepts repeated and lower-case statuses, offsets and page-style records; ignores empty and unknown keys", () => {
    const parsed = parseHistoryFilter({ status: ["failed", "SUCCEEDED"], from: "2026-11-01T08:00:00+08:00", device: "", cursor: "x" });
    expect(parsed).toEqual({ ok: true, filter: { status: ["FAILED", "SUCCEEDED"], from: "2026-11-01T00:00:00.000Z" } });
  });

  it("names each bad filter", () => {
    const parsed = parseHistoryFilter(
      new URLSearchParams("from=yesterday&connection=abc&platform=x&status=DONE&user=bob&q=a%20b&to=2026-01-01"),
    );
    expect(parsed.ok).toBe(false);
    const paths = !parsed.ok ? parsed.issues.map((i) => i.path).sort() : [];
    expect(paths).toEqual(["connection", "from", "platform", "q", "status", "user"]);
  });

  it("refuses a range that ends before it starts, and a local time without an offset", () => {
    expect(parseHistoryFilter({ from: "2026-11-02", to: "2026-11-01" })).toMatchObject({ ok: false, issues: [{ path: "to" }] });
    expect(parseHistoryFilter({ from: "2026-11-02T10:00" })).toMatchObject({ ok: false, issues: [{ path: "from" }] });
  });
});

describe("history where", () => {
  it("is empty without filters and bounds the index by time after a cursor", () => {
    expect(historyWhere({})).toEqual({});
    const after = { requestedAt: new Date("2026-11-23T10:00:00.000Z"), id: "3f1c2a52-2c1e-4c7b-9a55-0d9b0c8d5e11" };
    expect(historyWhere({ device: "pump-001" }, after)).toEqual({
      AND: [
        { deviceKey: "pump-001" },
        { requestedAt: { lte: after.requestedAt } },
        { OR: [{ requestedAt: { lt: after.requestedAt } }, { requestedAt: after.requestedAt, id: { lt: after.id } }] },
      ],
    });
  });

  it("turns a UUID prefix into the range of UUIDs that start with it", () => {
    expect(uuidPrefixRange("3F1C2A52-2c")).toEqual({
      low: "3f1c2a52-2c00-0000-0000-000000000000",
      high: "3f1c2a52-2cff-ffff-ffff-ffffffffffff",
    });
    expect(uuidPrefixRange("3f1c2a522c1e")).toEqual({
      low: "3f1c2a52-2c1e-0000-0000-000000000000",
      high: "3f1c2a52-2c1e-ffff-ffff-ffffffffffff",
    });
    expect(uuidPrefixRange("3f1c-2a")).toBeNull();
    expect(uuidPrefixRange("xyz")).toBeNull();
    expect(uuidPrefixRange("3f1c2a52-2c1e-4c7b-9a55-0d9b0c8d5e11")).toEqual({
      low: "3f1c2a52-2c1e-4c7b-9a55-0d9b0c8d5e11",
      high: "3f1c2a52-2c1e-4c7b-9a55-0d9b0c8d5e11",
    });
  });

  it("escapes LIKE wildcards so ids match literally", () => {
    expect(escapeLike("a_b%c\\d")).toBe("a\\_b\\%c\\\\d");
  });
});
