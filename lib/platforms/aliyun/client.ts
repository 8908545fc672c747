// Runs one SDK call for a connection and turns what the SDK throws into PlatformErrors: gateway
// rejections (4xx/5xx with a POP code), network failures and answers the SDK could not read.
// Business answers (HTTP 200, Success:false) come back to the caller, which knows what they mean.
import type { ConnectionConfig } from "../types";
import { PlatformError } from "../types";
import { authHint, gatewayKind, isThrottling, RATE_LIMITED } from "./codes";
import { codeText, connLabel, snippet } from "./errors";
import { sdkErrorSchema } from "./schemas";
import { createIotClient, SDK_TIMEOUT_MS, type IotClient, type SdkOptions } from "./sdk";

export interface CallResult {
  body: unknown;
  sentAt: Date;
  receivedAt: Date;
}

/** `what` names the call in messages, e.g. "InvokeThingService setBrightness on a1DemoLamp/lamp-001". */
export async function callAliyun(
  conn: ConnectionConfig,
  what: string,
  run: (client: IotClient) => Promise<{ body?: unknown }>,
  opts: SdkOptions = {},
): Promise<CallResult> {
  const client = createIotClient(conn, opts);
  const sentAt = new Date();
  try {
    const res = await run(client);
    return { body: res.body, sentAt, receivedAt: new Date() };
  } catch (err) {
    throw toPlatformError(conn, what, err);
  }
}

// Failures that happen before a byte leaves this process: retrying cannot duplicate a call.
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

export function toPlatformError(conn: ConnectionConfig, what: string, err: unknown): PlatformError {
  if (err instanceof PlatformError) return err;
  const parsed = sdkErrorSchema.safeParse(err);
  const status = parsed.success ? parsed.data.data?.statusCode : undefined;
  if (parsed.success && status !== undefined) return gatewayError(conn, what, status, parsed.data);
  const e = err as { name?: unknown; code?: unknown; message?: unknown };
  const code = typeof e.code === "string" ? e.code : undefined;
  const message = typeof e.message === "string" ? e.message : String(err);
  if (e.name === "RequestTimeoutError") {
    return new PlatformError(
      "network",
      `Alibaba Cloud did not answer ${what} for ${connLabel(conn)} within ${SDK_TIMEOUT_MS / 1000} s. The request may have reached the platform.`,
      { cause: err },
    );
  }
  if (code && NOT_SENT_CODES.has(code)) {
    return new PlatformError(
      "network",
      `Could not connect to Alibaba Cloud for ${connLabel(conn)} (${code} at ${conn.endpoint}). Check the endpoint and that the platform is reachable.`,
      { code, notSent: true, cause: err },
    );
  }
  if (code && /^E[A-Z]+$/.test(code)) {
    return new PlatformError("network", `The connection to Alibaba Cloud broke during ${what} for ${connLabel(conn)} (${code}). The request may have reached the platform.`, {
      code,
      cause: err,
    });
  }
  return new PlatformError("platform", `Alibaba Cloud answered ${what} for ${connLabel(conn)} with something unexpected: ${snippet(message)}`, { cause: err });
}

type SdkError = ReturnType<typeof sdkErrorSchema.parse>;

function gatewayError(conn: ConnectionConfig, what: string, status: number, e: SdkError): PlatformError {
  const code = e.data?.Code ?? e.code ?? `HTTP ${status}`;
  const msg = e.data?.Message;
  const opts = { code, platformMessage: msg, cause: e };
  const kind = gatewayKind(code, status);
  if (kind === "auth") {
    return new PlatformError("auth", `Alibaba Cloud rejected the credentials of ${connLabel(conn)} (${codeText(code, msg)}). ${authHint(code)}`, opts);
  }
  if (isThrottling(code)) {
    return new PlatformError("request", `${capitalise(what)} for ${connLabel(conn)} was ${RATE_LIMITED} (${codeText(code, msg)}). Wait a moment and try again.`, opts);
  }
  if (kind === "platform") {
    return new PlatformError("platform", `Alibaba Cloud failed with HTTP ${status} during ${what} for ${connLabel(conn)} (${codeText(code, msg)}). Try again later.`, opts);
  }
  return new PlatformError("request", `Alibaba Cloud refused ${what} for ${connLabel(conn)} (HTTP ${status}, ${codeText(code, msg)}).`, opts);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
