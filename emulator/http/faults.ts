// Transport faults a platform port can be told to produce for its next matching requests, so tests
// can prove what the console does when a platform breaks: a 5xx, an answer it cannot read, a call
// that never returns, a connection dropped mid-call. Faulted requests are still logged (they did
// reach the platform); with `after` the platform handles the request first (the device acts) and
// only the answer is broken, which is the case where a client must not try again.
import type http from "node:http";
import { z } from "zod";
import type { ApiRequest, PlatformName } from "./types";

export const FAULT_MODES = ["http500", "malformed-json", "malformed-xml", "hang", "close"] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

export const FaultSpec = z.strictObject({
  mode: z.enum(FAULT_MODES),
  /** how many matching requests get the fault, default 1 */
  count: z.number().int().min(1).max(100_000).default(1),
  /** only requests whose path starts with this */
  path: z.string().startsWith("/").optional(),
  /** only requests for this API action: EnOS `?action=`, Alibaba `Action` (query, form body or x-acs-action) */
  action: z.string().min(1).optional(),
  /** only requests whose path, query or body contain this text (e.g. a device key) */
  contains: z.string().min(1).optional(),
  /** let the platform handle the request first and break only its answer */
  after: z.boolean().default(false),
});
export type FaultSpec = z.infer<typeof FaultSpec>;

export interface ArmedFault extends FaultSpec {
  id: number;
  /** matching requests that got this fault so far */
  hits: number;
}

export class FaultTable {
  private faults: ArmedFault[] = [];
  private nextId = 1;

  arm(spec: FaultSpec): ArmedFault {
    const fault: ArmedFault = { ...spec, id: this.nextId++, hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  list(): ArmedFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  /** The first armed fault matching the request, counted down (and dropped when used up). */
  take(req: ApiRequest): ArmedFault | undefined {
    const fault = this.faults.find((f) => matches(f, req));
    if (!fault) return undefined;
    fault.hits += 1;
    fault.count -= 1;
    if (fault.count <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }
}

function matches(f: FaultSpec, req: ApiRequest): boolean {
  if (f.path !== undefined && !req.path.startsWith(f.path)) return false;
  if (f.action !== undefined && actionOf(req) !== f.action) return false;
  if (f.contains === undefined) return true;
  return [req.path, [...req.query.values()].join("&"), req.body].some((text) => text.includes(f.contains!));
}

export function actionOf(req: ApiRequest): string | undefined {
  const header = req.headers["x-acs-action"];
  const fromForm = /application\/x-www-form-urlencoded/i.test(String(req.headers["content-type"] ?? ""))
    ? new URLSearchParams(req.body).get("Action")
    : null;
  return req.query.get("action") ?? req.query.get("Action") ?? (typeof header === "string" ? header : undefined) ?? fromForm ?? undefined;
}

/** Answers (or pointedly does not answer) with the fault. */
export function produceFault(res: http.ServerResponse, fault: FaultMode, platform: PlatformName): void {
  switch (fault) {
    case "hang":
      return; // the socket stays open until the client gives up or the emulator stops
    case "close":
      res.socket?.destroy();
      return;
    case "http500":
      return write(res, 500, "application/json;charset=UTF-8", JSON.stringify(serverError(platform)));
    case "malformed-json":
      return write(res, 200, "application/json;charset=UTF-8", '{"code":0,"msg":"Success","requestId":"7f3a","data":{"comm');
    case "malformed-xml":
      return write(res, 200, "text/xml;charset=utf-8", '<?xml version="1.0" encoding="UTF-8"?><Response><RequestId>7f3a</Request');
  }
}

// What each platform's gateway answers on an internal failure.
function serverError(platform: PlatformName): Record<string, unknown> {
  if (platform === "enos") return { message: "An unexpected error occurred" };
  return {
    RequestId: "E6A5C0D2-0000-4000-8000-000000000500",
    HostId: "iot.cn-shanghai.aliyuncs.com",
    Code: "InternalError",
    Message: "The request processing has failed due to some unknown error, exception or failure.",
  };
}

function write(res: http.ServerResponse, status: number, contentType: string, text: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(text) });
  res.end(text);
}
