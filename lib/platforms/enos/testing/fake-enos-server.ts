// A tiny stand-in for the EnOS APIM gateway, for unit tests of the adapter only (the real emulator
// lives in emulator/ and is deliberately independent). It checks the token encryption and every
// request signature with our own signing functions: it proves the wiring, not the algorithm, which
// the fixed vectors in signature.test.ts cover.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { apimSignature, tokenEncryption } from "../signature";

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface FakeAnswer {
  status?: number;
  json?: unknown;
  text?: string;
  /** never answer (timeout tests) */
  hang?: boolean;
}

export type Route = (req: RecordedRequest) => FakeAnswer | Promise<FakeAnswer>;

export interface FakeEnosOptions {
  appKey?: string;
  appSecret?: string;
  /** token lifetime reported to clients, seconds */
  expire?: number;
  /** answer for token/get instead of the normal flow */
  tokenAnswer?: () => FakeAnswer;
  /** delay before answering token/get, ms (widens the single-flight window) */
  tokenDelayMs?: number;
}

export class FakeEnos {
  readonly requests: RecordedRequest[] = [];
  tokenGets = 0;
  readonly routes = new Map<string, Route>();
  private server?: Server;
  private readonly live = new Set<string>();
  private readonly expired = new Set<string>();
  private serial = 0;
  readonly appKey: string;
  readonly appSecret: string;

  constructor(private readonly opts: FakeEnosOptions = {}) {
    this.appKey = opts.appKey ?? "ak-test";
    this.appSecret = opts.appSecret ?? "sk-test";
  }

  get url(): string {
    const addr = this.server?.address() as AddressInfo | null;
    if (!addr) throw new Error("fake EnOS is not listening");
    return `http://127.0.0.1:${addr.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Answers every request under /dataService/ or /enosapi/ (the older API; no APIM check). */
  legacy?: Route;

  /** Route key: "METHOD /path?action" */
  on(method: string, path: string, action: string, route: Route): this {
    this.routes.set(`${method} ${path}?${action}`, route);
    return this;
  }

  /** Makes every token issued so far answer 1203 from now on. */
  expireTokens(): void {
    for (const t of this.live) this.expired.add(t);
    this.live.clear();
  }

  /** Forgets every token, as a restarted platform would (calls then get 401 "unknown token"). */
  forgetTokens(): void {
    this.live.clear();
  }

  apiRequests(): RecordedRequest[] {
    return this.requests.filter((r) => !r.path.startsWith("/apim-token-service"));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? "/", "http://x");
    const recorded: RecordedRequest = {
      method: req.method ?? "",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
    };
    this.requests.push(recorded);
    const isLegacy = /^\/(dataService|enosapi)\//.test(url.pathname);
    const answer = url.pathname.endsWith("/token/get")
      ? await this.token(body)
      : isLegacy
        ? await (this.legacy?.(recorded) ?? { status: 404, text: "no legacy route" })
        : await this.api(recorded, url);
    if (answer.hang) return;
    res.writeHead(answer.status ?? 200, { "Content-Type": answer.text !== undefined ? "text/html" : "application/json" });
    res.end(answer.text ?? JSON.stringify(answer.json));
  }

  private async token(body: string): Promise<FakeAnswer> {
    this.tokenGets += 1;
    if (this.opts.tokenDelayMs) await new Promise((r) => setTimeout(r, this.opts.tokenDelayMs));
    if (this.opts.tokenAnswer) return this.opts.tokenAnswer();
    const { appKey, encryption, timestamp } = JSON.parse(body) as Record<string, unknown>;
    if (appKey !== this.appKey) return { json: { status: 1002, msg: "appKey not found" } };
    if (typeof timestamp !== "number" || encryption !== tokenEncryption(this.appKey, timestamp, this.appSecret)) {
      return { json: { status: 1003, msg: "encryption verify failed" } };
    }
    // like the real service: a live token is handed out again
    const token = [...this.live][0] ?? `tok-${++this.serial}`;
    this.live.add(token);
    return { json: { status: 0, msg: "SUCCESS", business: "apim-token-service", data: { accessToken: token, expire: this.opts.expire ?? 7200 } } };
  }

  private async api(req: RecordedRequest, url: URL): Promise<FakeAnswer> {
    const token = String(req.headers["apim-accesstoken"] ?? "");
    const timestamp = String(req.headers["apim-timestamp"] ?? "");
    if (this.expired.has(token)) return { status: 401, json: { status: 1203, code: 1203, msg: "token expired" } };
    if (!this.live.has(token)) return { status: 401, json: { status: 401, code: 401, msg: "unknown token" } };
    const expected = apimSignature({
      accessToken: token,
      query: url.searchParams,
      body: req.body === "" ? undefined : req.body,
      timestamp,
      appSecret: this.appSecret,
    });
    if (req.headers["apim-signature"] !== expected) return { status: 401, json: { status: 1003, code: 1003, msg: "signature mismatch" } };
    const route = this.routes.get(`${req.method} ${req.path}?${req.query.action ?? ""}`);
    if (!route) return { json: { code: 99400, msg: `no route for ${req.method} ${req.path}`, data: null } };
    return route(req);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** A closed local port: connecting to it is refused before anything is sent. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
