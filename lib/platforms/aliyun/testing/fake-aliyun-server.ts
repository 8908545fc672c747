// A scripted stand-in for the Alibaba API in unit tests: answers each Action with a canned body
// and records what the SDK sent. It checks no signatures (the emulator does that end to end).
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeRequest {
  action: string;
  method: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
}

export interface FakeAnswer {
  status?: number;
  json?: unknown;
  text?: string;
}

type Responder = (req: FakeRequest) => FakeAnswer;

export class FakeAliyun {
  readonly requests: FakeRequest[] = [];
  private readonly responders = new Map<string, Responder>();
  private server: http.Server | null = null;
  url = "";

  on(action: string, respond: Responder | FakeAnswer): this {
    this.responders.set(action, typeof respond === "function" ? respond : () => respond);
    return this;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://fake.local");
      const action = String(req.headers["x-acs-action"] ?? url.searchParams.get("Action") ?? "");
      const fr: FakeRequest = { action, method: req.method ?? "", query: Object.fromEntries(url.searchParams), headers: req.headers };
      this.requests.push(fr);
      req.resume();
      req.on("end", () => {
        const answer = this.responders.get(action)?.(fr) ?? { status: 404, json: { Code: "InvalidAction.NotFound", Message: "not scripted" } };
        const text = answer.text ?? JSON.stringify(answer.json ?? {});
        res.writeHead(answer.status ?? 200, { "content-type": "application/json;charset=utf-8" });
        res.end(text);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Requests of one action. */
  of(action: string): FakeRequest[] {
    return this.requests.filter((r) => r.action === action);
  }
}
