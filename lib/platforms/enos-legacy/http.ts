// HTTP for the older EnOS API, on node:http rather than fetch: a legacy call may wait up to
// 300 s for its device, which is exactly where fetch (undici) gives up waiting for headers.
import http from "node:http";
import https from "node:https";
import { networkError, parseJson, type HttpRequest, type HttpResult } from "../enos/http";
import type { ConnectionConfig } from "../types";

export function sendLongHttp(conn: ConnectionConfig, req: HttpRequest): Promise<HttpResult> {
  const sentAt = new Date();
  const transport = req.url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(networkError(conn, req, err));
    };
    const headers = { ...req.headers, ...(req.body !== undefined ? { "Content-Length": String(Buffer.byteLength(req.body)) } : {}) };
    const request = transport.request(req.url, { method: req.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", fail);
      res.on("end", () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, text, json: parseJson(text), sentAt, receivedAt: new Date() });
      });
    });
    // named like fetch's own timeout error, so networkError words it the same way
    const timer = setTimeout(() => request.destroy(Object.assign(new Error("timed out"), { name: "TimeoutError" })), req.timeoutMs);
    request.on("error", fail);
    request.end(req.body);
  });
}
