// A loopback server that answers any operation of any provider with a chosen fault.
import { json, startServer, type TestServer } from "@llm-files/testing";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createHash } from "node:crypto";

export type Provider = "moonshot" | "novita" | "minimax";
export type Op = "list" | "retrieve" | "upload" | "content" | "delete";

export type Fault =
  | { kind: "ok" }
  | { kind: "html502" }
  | { kind: "truncatedJson" }
  | { kind: "empty200" }
  | { kind: "wrongEnvelope" }
  | { kind: "resetMidBody" }
  | { kind: "hang" }
  | { kind: "trickle"; msPerChunk: number }
  | { kind: "retryAfter"; status: 429 | 503; value: string; times: number }
  | { kind: "baseResp"; code: number }
  | { kind: "redirect"; to: string }
  | { kind: "huge"; bytes: number }
  | { kind: "flaky"; every: number };

/** What each provider answers on success, as its docs show. */
export function successBody(provider: Provider, op: Op, req: IncomingMessage): string {
  const base = '"base_resp":{"status_code":0,"status_msg":"success"}';
  if (provider === "minimax") {
    const file = `{"file_id":1234567890123456789,"bytes":10,"created_at":1700000000,"filename":"a.mp3","purpose":"voice_clone"}`;
    if (op === "list") return `{"files":[${file}],${base}}`;
    if (op === "delete") return `{"file_id":1234567890123456789,${base}}`;
    if (op === "content") return "ID3 bytes";
    return `{"file":${file},${base}}`;
  }
  const file = { id: "file-abc", object: "file", bytes: 10, created_at: 1700000000, filename: "a.txt", purpose: provider === "novita" ? "batch" : "file-extract", status: "ok", metadata: {} };
  if (op === "list") return JSON.stringify(provider === "novita" ? { code: "200", message: "ok", data: [file] } : { object: "list", data: [file] });
  if (op === "delete") return JSON.stringify({ id: "file-abc", object: "file", deleted: true });
  if (op === "content") return "extracted text";
  void req;
  return JSON.stringify(file);
}

export function opOf(provider: Provider, method: string, url: string): Op {
  const path = url.split("?")[0]!;
  if (provider === "minimax") {
    if (path.endsWith("/list")) return "list";
    if (path.endsWith("/retrieve_content")) return "content";
    if (path.endsWith("/retrieve")) return "retrieve";
    if (path.endsWith("/upload")) return "upload";
    return "delete";
  }
  if (path.endsWith("/content")) return "content";
  if (method === "POST") return "upload";
  if (method === "DELETE") return "delete";
  return /\/files$/.test(path) ? "list" : "retrieve";
}

export interface FaultServer extends TestServer {
  provider: Provider;
  fault: Fault;
  /** Upload bodies stored (by sha256), to find duplicates. */
  stored: Map<string, number>;
}

export async function startFaultServer(provider: Provider): Promise<FaultServer> {
  let served = 0;
  const self = { provider, fault: { kind: "ok" } as Fault, stored: new Map<string, number>() } as FaultServer;
  const ok = (req: IncomingMessage & { body: Buffer }, res: ServerResponse, op: Op) => {
    if (op === "upload") {
      const sha = createHash("sha256").update(req.body).digest("hex");
      self.stored.set(sha, (self.stored.get(sha) ?? 0) + 1);
    }
    const body = successBody(provider, op, req);
    if (op === "content") {
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": Buffer.byteLength(body) });
      return res.end(body);
    }
    json(res, 200, body);
  };
  const server = await startServer((req, res) => {
    const op = opOf(provider, req.method!, req.url!);
    const f = self.fault;
    served++;
    switch (f.kind) {
      case "ok":
        return ok(req, res, op);
      case "html502":
        res.writeHead(502, { "content-type": "text/html" });
        return res.end("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>");
      case "truncatedJson": {
        const body = successBody(provider, op === "content" ? "retrieve" : op, req);
        return json(res, 200, body.slice(0, Math.floor(body.length / 2)));
      }
      case "empty200":
        res.writeHead(200, { "content-type": "application/json", "content-length": 0 });
        return res.end();
      case "wrongEnvelope":
        return json(res, 200, { result: { items: [] }, status: "ok" });
      case "resetMidBody":
        res.writeHead(200, { "content-type": "application/json", "content-length": 1000 });
        res.write('{"object":"list","data":[{"id":"file-');
        return setTimeout(() => req.socket.destroy(), 10);
      case "hang":
        return; // never answer
      case "trickle": {
        const body = successBody(provider, op === "content" ? "retrieve" : op, req);
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
        let i = 0;
        const t = setInterval(() => {
          if (res.destroyed || i >= body.length) {
            clearInterval(t);
            return res.end();
          }
          res.write(body[i++]);
        }, f.msPerChunk);
        return;
      }
      case "retryAfter":
        if (f.times > 0) {
          f.times--;
          return json(res, f.status, { error: { message: "slow down", type: "rate_limit_reached_error" }, code: f.status, message: "slow down" }, { "retry-after": f.value });
        }
        return ok(req, res, op);
      case "baseResp":
        return json(res, 200, { base_resp: { status_code: f.code, status_msg: `code ${f.code}` } });
      case "redirect":
        res.writeHead(307, { location: `${f.to}${req.url}` });
        return res.end();
      case "huge": {
        res.writeHead(200, { "content-type": "application/json", "content-length": f.bytes });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < f.bytes) {
            const n = Math.min(chunk.length, f.bytes - sent);
            sent += n;
            if (!res.write(chunk.subarray(0, n))) return res.once("drain", pump);
          }
          res.end();
        };
        res.on("error", () => {});
        return pump();
      }
      case "flaky":
        // Every `every`-th request is refused unprocessed (alternating 429/503, Retry-After: 0).
        if (served % f.every === 0) return json(res, served % (2 * f.every) === 0 ? 429 : 503, { message: "busy" }, { "retry-after": "0" });
        return ok(req, res, op);
    }
  });
  return Object.assign(self, server);
}
