// A loopback server (on @llm-files/testing's startServer) that answers every operation of a
// provider's profile (@llm-files/registry) with a chosen fault, its success answers built from
// the profile and the spec's examples (bodies.ts). A request that matches none of the
// profile's operations is answered 404 and kept in `unknown`. Where the profile's uploads are
// resumable, every request of the protocol (start, chunks, finalize, query) meets the fault
// like any other; its right answer is the protocol's (a start's is headers and no body), and
// the file is counted when the finalizing request arrives (its bytes: every chunk's).
import { json, startServer, type TestServer } from "@llm-files/testing";
import { ResumableSessions, isResumable, matchRoute, providerRoutes, resumableStep, type ResumableStep } from "@llm-files/testing/providers";
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ANSWERS, FILE_ID, authOf, fileObject, laterPage, listJson, profileOf, successBody, type Op, type Provider } from "./bodies.js";

export type { Op, Provider } from "./bodies.js";

export type Fault =
  | { kind: "ok" }
  /** A gateway's HTML error page. */
  | { kind: "html502" }
  /** A 2xx HTML page (captive portal, misrouted gateway) where JSON was due. */
  | { kind: "html200" }
  | { kind: "truncatedJson" }
  | { kind: "empty200" }
  /** Valid JSON in an envelope none of the providers uses. */
  | { kind: "wrongEnvelope" }
  /** Headers and part of the body, then the connection is destroyed. */
  | { kind: "resetMidBody" }
  /** The request is read and never answered. */
  | { kind: "hang" }
  /** Headers and part of the body, then nothing (the connection stays open). */
  | { kind: "stallMidBody" }
  /** The right body, one byte every `msPerByte`. */
  | { kind: "trickle"; msPerByte: number }
  /** Any status with a JSON error body and headers (429 + Retry-After, 503, 500 ...). */
  | { kind: "status"; status: number; headers?: Record<string, string>; body?: unknown }
  /** HTTP 200 with the provider's in-body status object carrying `code` (profile.inBodyErrors). */
  | { kind: "baseResp"; code: number }
  | { kind: "redirect"; status: 301 | 302 | 303 | 307 | 308; to: string }
  /** A 200 JSON body of `bytes` spaces (declared with its length). */
  | { kind: "huge"; bytes: number }
  /** A 500 whose HTML body is `bytes` long. */
  | { kind: "hugeError"; bytes: number }
  /** A valid list of `files` files (a large but honest answer). */
  | { kind: "largeList"; files: number }
  /** The request's key header (the profile's: Authorization, api-key, x-api-key ...) echoed back: in an error body, a field value, or a key name. */
  | { kind: "echoKey"; where: "errorBody" | "fieldValue" | "keyName" }
  /** A delete answered with its `deleted` field false (where the profile's delete result has one). */
  | { kind: "deleteRefused" }
  /** Every `every`-th request is refused unprocessed: 429 and 503 in turn, Retry-After: 0. */
  | { kind: "flaky"; every: number };

export interface FaultServer extends TestServer {
  readonly provider: Provider;
  /** The fault for the next requests; `times` limits it to that many, then answers are right; `skip` requests are answered right first. */
  set(fault: Fault, times?: number, skip?: number): void;
  /** Uploaded files (the multipart file part's sha256, a resumable session's bytes) received, whatever the answer. */
  readonly uploadsReceived: Map<string, number>;
  /** Uploaded files accepted (answered 2xx), by sha256: a count above 1 is a duplicate. */
  readonly stored: Map<string, number>;
  /** Requests of a resumable upload that carry none of the file (start, query, cancel). */
  readonly protocolRequests: () => number;
  /** Requests refused by the `flaky` fault (429 or 503): all of them, and those of them that were a resumable upload's protocol steps (start, query, cancel). */
  readonly refused: () => { all: number; protocol: number };
  /** Requests whose method and path match no operation of the spec. */
  readonly unknown: string[];
  /** Requests answered with each fault kind. */
  readonly injected: Map<string, number>;
  /** Distinct client connections seen (by remote port). */
  connections(): number;
}

export interface FaultServerOptions {
  /** Answer every response with `Connection: close`, so an open socket after a scenario is a leak. */
  close?: boolean;
}

export async function startFaultServer(provider: Provider, options: FaultServerOptions = {}): Promise<FaultServer> {
  const routes = providerRoutes(profileOf(provider));
  const answers = ANSWERS[provider];
  let fault: Fault = { kind: "ok" };
  let remaining = Infinity;
  let skipping = 0;
  let served = 0;
  let protocol = 0;
  const refused = { all: 0, protocol: 0 };
  const received = new Map<string, number>();
  const stored = new Map<string, number>();
  const unknown: string[] = [];
  const injected = new Map<string, number>();
  const ports = new Set<number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const resumable = isResumable(profileOf(provider));
  const sessions = new ResumableSessions();

  /** A resumable upload's step other than the finalizing one, applied and answered as the protocol says (headers, no body). */
  const protocolAnswer = (req: IncomingMessage & { body: Buffer }, step: ResumableStep) => {
    const url = `${server.url}${req.url}`;
    const a = step === "start" ? sessions.start(url.split("?")[0]!, req.headers, req.body) : step === "query" ? sessions.query(url) : step === "chunk" ? sessions.chunk(url, req.headers, req.body, false) : { status: 200, headers: { "x-goog-upload-status": "cancelled" } };
    return a;
  };

  const ok = (req: IncomingMessage & { body: Buffer }, res: ServerResponse, op: Op, sha: string, step?: ResumableStep) => {
    if (step && step !== "finalize") {
      const a = protocolAnswer(req, step);
      if (a.error) return json(res, a.status, { error: { code: a.status, message: a.error, status: "FAILED_PRECONDITION" } }, a.headers);
      res.writeHead(a.status, { ...a.headers, "content-length": 0 });
      return res.end();
    }
    if (step === "finalize") {
      const a = sessions.chunk(`${server.url}${req.url}`, req.headers, req.body, true);
      if (!a.finished) return json(res, a.status, { error: { code: a.status, message: a.error, status: "FAILED_PRECONDITION" } }, a.headers);
      bump(stored, a.finished.sha256);
      return json(res, 200, successBody(provider, op), a.headers);
    }
    if (op === "upload") bump(stored, sha);
    const body = successBody(provider, op);
    if (op === "content") {
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": Buffer.byteLength(body) });
      return res.end(body);
    }
    json(res, 200, body);
  };

  const server = await startServer((req, res, index) => {
    if (options.close) res.setHeader("connection", "close");
    ports.add(req.socket.remotePort ?? 0);
    const path = req.url!.split("?")[0]!;
    const match = matchRoute(routes, req.method ?? "", req.url!);
    if (!match) {
      unknown.push(`${req.method} ${req.url}`);
      return json(res, 404, { error: { message: `no such operation: ${req.method} ${path}`, type: "not_found" } });
    }
    const op = match.op;
    const step = op === "upload" && resumable ? resumableStep(req.headers) : undefined;
    // A resumable upload's file arrives with its finalizing request (the session's bytes and its own).
    const sha = op !== "upload" ? server.requests[index]!.sha256 : step ? (step === "finalize" ? (sessions.pending(`${server.url}${req.url}`, req.body)?.sha256 ?? "no-session") : "") : uploadedFileSha(req);
    if (op === "upload" && (!resumable || step === "finalize")) bump(received, sha);
    if (step === "start" || step === "query" || step === "cancel") protocol++;
    served++;
    const f = skipping > 0 || remaining <= 0 ? ({ kind: "ok" } as Fault) : fault;
    if (skipping > 0) skipping--;
    else if (remaining > 0) remaining--;
    bump(injected, f.kind);
    return answer(f, req, res, op, sha, served, step);
  });

  /** The right body of a request: a resumable upload's steps before the last answer in headers alone. */
  const rightBody = (op: Op, step: ResumableStep | undefined) => (step && step !== "finalize" ? "" : successBody(provider, op));

  function answer(f: Fault, req: IncomingMessage & { body: Buffer }, res: ServerResponse, op: Op, sha: string, n: number, step?: ResumableStep): unknown {
    const contentType = op === "content" ? "application/octet-stream" : "application/json";
    /** The headers of the right answer, where a fault breaks only its body (a resumable step applied first). */
    const rightHeaders = (): Record<string, string> => (step && step !== "finalize" ? protocolAnswer(req, step).headers : {});
    switch (f.kind) {
      case "ok":
        return ok(req, res, op, sha, step);
      case "html502":
        res.writeHead(502, { "content-type": "text/html" });
        return res.end("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>");
      case "html200":
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        return res.end("<!doctype html><html><body><h1>Sign in to the network</h1></body></html>");
      case "truncatedJson": {
        const body = successBody(provider, op === "content" ? "retrieve" : op);
        return json(res, 200, body.slice(0, Math.floor(body.length / 2)));
      }
      case "empty200":
        res.writeHead(200, { "content-type": "application/json", "content-length": 0 });
        return res.end();
      case "wrongEnvelope":
        return json(res, 200, { result: { items: [{ name: "a.txt" }] }, status: "ok" });
      case "resetMidBody":
      case "stallMidBody": {
        const body = rightBody(op, step);
        res.writeHead(200, { ...rightHeaders(), "content-type": contentType, "content-length": Buffer.byteLength(body) + 1000 });
        res.write(body.slice(0, Math.ceil(body.length / 2)));
        if (f.kind === "resetMidBody") setTimeout(() => req.socket.destroy(), 10);
        return;
      }
      case "hang":
        return;
      case "trickle": {
        const body = Buffer.from(rightBody(op, step));
        res.writeHead(200, { ...rightHeaders(), "content-type": contentType, "content-length": body.length });
        let i = 0;
        const t = setInterval(() => {
          if (res.destroyed || i >= body.length) {
            clearInterval(t);
            if (!res.destroyed) res.end();
            return;
          }
          res.write(body.subarray(i, ++i));
        }, f.msPerByte);
        res.on("close", () => clearInterval(t));
        return;
      }
      case "status":
        return json(res, f.status, f.body ?? { error: { message: `injected ${f.status}`, type: f.status === 429 ? "rate_limit_reached_error" : "server_error" }, code: String(f.status), message: `injected ${f.status}` }, f.headers);
      case "baseResp":
        return json(res, 200, answers.status(f.code, `injected in-body status ${f.code}`));
      case "redirect":
        res.writeHead(f.status, { location: `${f.to}${req.url}`, "content-length": 0 });
        return res.end();
      case "huge":
      case "hugeError": {
        res.writeHead(f.kind === "huge" ? 200 : 500, { "content-type": f.kind === "huge" ? "application/json" : "text/html", "content-length": f.bytes });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < f.bytes && !res.destroyed) {
            const size = Math.min(chunk.length, f.bytes - sent);
            sent += size;
            if (!res.write(chunk.subarray(0, size))) return void res.once("drain", pump);
          }
          if (!res.destroyed) res.end();
        };
        res.on("error", () => {});
        return pump();
      }
      case "largeList": {
        // Every file on the first page, as one honest last page; a client that pages on anyway
        // is answered the empty page that ends it.
        return json(res, 200, listJson(provider, laterPage(provider, req.url!) ? [] : Array.from({ length: f.files }, (_, i) => fileObject(provider, i + 1))));
      }
      case "echoKey": {
        const auth = String(req.headers[authOf(provider).header] ?? "");
        const inBody = profileOf(provider).inBodyErrors;
        if (f.where === "errorBody") {
          // Where errors come in a status object too, the provider's own authentication code carries the key as well.
          const code = inBody && Object.entries(inBody.codes).find(([, c]) => c.error === "AuthenticationError")?.[0];
          return json(res, 401, { error: { message: `Incorrect API key provided: ${auth}`, type: "invalid_authentication_error" }, ...(code ? answers.status(Number(code), `bad key ${auth}`) : {}) });
        }
        if (f.where === "keyName") return json(res, 200, { [auth]: true, ...answers.ok });
        // A wrong-typed field carrying the key, in the operation's own answer (a delete's answer holding the file too).
        const file = { ...fileObject(provider), [profileOf(provider).file.bytes]: auth };
        if (op === "list") return json(res, 200, listJson(provider, [file]));
        const withFile = op === "upload" ? answers.upload(file) : answers.retrieve(file);
        return json(res, 200, answers.text(op === "delete" ? { ...withFile, ...answers.deleted(FILE_ID[provider]) } : withFile));
      }
      case "deleteRefused": {
        const deleted = profileOf(provider).operations.delete?.result.deleted;
        if (op === "delete" && deleted) return json(res, 200, answers.text({ ...answers.deleted(FILE_ID[provider]), [deleted]: false }));
        return ok(req, res, op, sha, step);
      }
      case "flaky":
        if (n % f.every === 0) {
          refused.all++;
          if (step === "start" || step === "query" || step === "cancel") refused.protocol++;
          return json(res, n % (2 * f.every) === 0 ? 429 : 503, { message: "busy, not processed" }, { "retry-after": "0" });
        }
        return ok(req, res, op, sha, step);
    }
  }

  return Object.assign(server, {
    provider,
    uploadsReceived: received,
    stored,
    unknown,
    injected,
    connections: () => ports.size,
    protocolRequests: () => protocol,
    refused: () => ({ ...refused }),
    set(next: Fault, times = Infinity, skip = 0) {
      fault = next;
      remaining = times;
      skipping = skip;
    },
  });
}

/**
 * The sha256 of a multipart request's `file` part. Each attempt of an upload has its own
 * boundary, so the whole body's hash would differ between a request and its retry.
 */
export function uploadedFileSha(req: IncomingMessage & { body: Buffer }): string {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(req.headers["content-type"] ?? "");
  if (!m) return "not-multipart";
  const delimiter = Buffer.from(`\r\n--${m[1] ?? m[2]}`);
  const body = Buffer.concat([Buffer.from("\r\n"), req.body]);
  for (let at = body.indexOf(delimiter); at >= 0; ) {
    const next = body.indexOf(delimiter, at + delimiter.length);
    if (next < 0) break;
    const part = body.subarray(at + delimiter.length, next);
    const headEnd = part.indexOf("\r\n\r\n");
    if (headEnd >= 0 && /name="file"/.test(part.subarray(0, headEnd).toString("latin1"))) {
      return createHash("sha256").update(part.subarray(headEnd + 4)).digest("hex");
    }
    at = next;
  }
  return "no-file-part";
}
