// Views of the audit history handed to pages and API handlers (never contain secrets).
import type { InvocationStatus } from "./status";

export interface InvocationEventView {
  at: string; // ISO-8601
  type: string;
  data: unknown;
}

export interface InvocationView {
  id: string;
  userId: string;
  userEmail: string;
  userRole: string;
  connectionId: string;
  connectionName: string;
  platform: string;
  orgId: string | null;
  productKey: string;
  deviceKey: string;
  assetId: string | null;
  deviceName: string | null;
  serviceId: string;
  serviceName: string | null;
  input: unknown;
  /** why the caller confirmed the call (required for services marked dangerous) */
  reason: string | null;
  mode: string;
  timeoutMs: number;
  pendingTtlS: number | null;
  status: InvocationStatus;
  output: unknown;
  platformCode: string | null;
  platformMessage: string | null;
  /** a message a field engineer understands (from the last event), when the invocation did not succeed */
  message: string | null;
  platformRequestId: string | null;
  commandId: string | null;
  messageId: string | null;
  rawState: string | null;
  requestedAt: string;
  sentAt: string | null;
  deviceRepliedAt: string | null;
  completedAt: string | null;
  latencyMs: number | null;
  events?: InvocationEventView[];
}

export interface InvocationPage {
  items: InvocationView[];
  /** opaque keyset cursor for the next (older) page, null at the end */
  nextCursor: string | null;
}

/** One field-level problem with an input, e.g. { path: "mode", message: "must be one of 0, 1, 2" } */
export interface FieldIssue {
  path: string;
  message: string;
}

export class InputValidationError extends Error {
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[]) {
    super(issues.map((i) => `${i.path || "input"}: ${i.message}`).join("; "));
    this.name = "InputValidationError";
    this.issues = issues;
  }
}

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: "admin" | "engineer" | "manager" | "product";
}
