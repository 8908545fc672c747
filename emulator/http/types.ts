import type { IncomingHttpHeaders } from "node:http";

export type PlatformName = "enos" | "aliyun";

/** A request as the handlers see it: the body already read, the query decoded. */
export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** raw body string exactly as received (signatures cover it byte for byte) */
  body: string;
  receivedAt: number;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  /** sent instead of `body` as JSON when set (Alibaba answers in JSON or XML) */
  text?: string;
  /** content type of `text`; JSON responses default to application/json;charset=UTF-8 */
  contentType?: string;
}

export type Handler = (req: ApiRequest) => Promise<ApiResponse>;

export function json(status: number, body: unknown): ApiResponse {
  return { status, body };
}
