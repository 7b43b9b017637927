// A loopback server that behaves like OpenAI's Uploads API (and answers /files for small
// files): POST /uploads → an Upload; POST /uploads/{id}/parts (multipart `data`, ≤ 64 MiB,
// streamed through busboy: bytes are counted and discarded, never held) → an UploadPart;
// POST /uploads/{id}/complete {part_ids} → the Upload with its File, refused when the parts'
// bytes do not add up; POST /uploads/{id}/cancel. Faults are chosen per request.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createHash } from "node:crypto";
import { listenOnLoopback } from "./server.js";
import busboy from "busboy";

export type UploadsFault = { kind: "status"; status: number; headers?: Record<string, string>; code?: string } | { kind: "hang" };

export type UploadsStep = "create" | "part" | "complete" | "cancel" | "file";

export interface PartRecord {
  uploadId: string;
  /** The id given back, or undefined when the request was failed on purpose. */
  id?: string;
  bytes: number;
  /** The part's first byte (tests fill each part with its own value to tell them apart). */
  firstByte?: number;
  /** md5 of the part's bytes, when `hashParts` is on. */
  md5?: string;
  status: number;
}

export interface UploadRecord {
  id: string;
  filename: string;
  purpose: string;
  bytes: number;
  mime_type: string;
  status: "pending" | "completed" | "cancelled";
  expires_after?: unknown;
  /** The part ids named at completion, in order. */
  completedWith?: string[];
}

export interface UploadsServerOptions {
  /** Path prefix of the routes, e.g. "/v1" (default) or "". */
  prefix?: string;
  /** md5 of every part (costs CPU: off for memory runs). */
  hashParts?: boolean;
  /** A fault for the n-th request (0-based) of a step, or undefined to answer normally. */
  fault?(step: UploadsStep, n: number): UploadsFault | undefined;
}

export interface UploadsServer {
  url: string;
  uploads: Map<string, UploadRecord>;
  /** Every part request, in the order they ended. */
  parts: PartRecord[];
  /** Files sent in one POST /files, in order. */
  files: { filename: string; purpose: string; bytes: number }[];
  /** Every request: step and answer status (0 when left unanswered). */
  log: { step: UploadsStep | "unknown"; method: string; path: string; status: number }[];
  /** The largest single chunk the server's socket handed over: what it held at once. */
  largestChunk: number;
  stop(): Promise<void>;
}

const PART_LIMIT = 64 * 1024 * 1024;

export async function startUploadsServer(options: UploadsServerOptions = {}): Promise<UploadsServer> {
  const prefix = options.prefix ?? "/v1";
  const uploads = new Map<string, UploadRecord>();
  const parts: PartRecord[] = [];
  const files: UploadsServer["files"] = [];
  const log: UploadsServer["log"] = [];
  const seen: Record<string, number> = {};
  let ids = 0;
  const state = { largestChunk: 0 };
  const send = (res: ServerResponse, entry: UploadsServer["log"][number], status: number, body: unknown, headers: Record<string, string> = {}) => {
    entry.status = status;
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)), ...headers });
    res.end(text);
  };
  const error = (res: ServerResponse, entry: UploadsServer["log"][number], status: number, message: string, code?: string) =>
    send(res, entry, status, { error: { message, type: status === 429 ? "rate_limit_error" : "invalid_request_error", code: code ?? null, param: null } });

  const server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0]!;
    const m = path.startsWith(prefix) ? /^\/(uploads|files)(?:\/([^/]+)(?:\/(parts|complete|cancel))?)?$/.exec(path.slice(prefix.length)) : null;
    const step: UploadsStep | "unknown" = !m || req.method !== "POST" ? "unknown" : m[1] === "files" ? "file" : !m[2] ? "create" : m[3] === "parts" ? "part" : m[3] === "complete" ? "complete" : m[3] === "cancel" ? "cancel" : "unknown";
    const entry = { step, method: req.method ?? "", path, status: 0 };
    log.push(entry);
    req.on("data", (chunk: Buffer) => {
      if (chunk.length > state.largestChunk) state.largestChunk = chunk.length;
    });
    req.on("error", () => {});
    if (step === "unknown") {
      req.resume();
      req.on("end", () => error(res, entry, 404, `no route for ${req.method} ${path}`));
      return;
    }
    const n = (seen[step] = (seen[step] ?? -1) + 1);
    const fault = options.fault?.(step, n);
    const upload = m![2] ? uploads.get(decodeURIComponent(m![2])) : undefined;
    // A part is always read through (to record which part it was), then answered or failed.
    if (step === "part") return receivePart(req, res, entry, upload, fault);
    if (fault?.kind === "hang") {
      req.resume(); // read, never answered
      return;
    }
    if (fault?.kind === "status") {
      req.resume();
      req.on("end", () => send(res, entry, fault.status, { error: { message: `fault ${fault.status}`, type: "server_error", code: fault.code ?? null, param: null } }, fault.headers));
      return;
    }
    if (step === "file") return receiveFile(req, res, entry);
    readJson(req).then((body) => {
      if (step === "create") {
        const b = body as Partial<UploadRecord> | undefined;
        if (!b || typeof b.filename !== "string" || typeof b.purpose !== "string" || !Number.isInteger(b.bytes) || typeof b.mime_type !== "string") {
          return error(res, entry, 400, "filename, purpose, bytes and mime_type are required");
        }
        if (b.bytes! > 8 * 1024 ** 3) return error(res, entry, 400, "an upload holds at most 8 GB");
        const id = `upload_${++ids}`;
        uploads.set(id, { id, filename: b.filename, purpose: b.purpose, bytes: b.bytes!, mime_type: b.mime_type, status: "pending", expires_after: b.expires_after });
        return send(res, entry, 200, uploadJson(uploads.get(id)!));
      }
      if (!upload) return error(res, entry, 404, `no upload ${m![2]}`);
      if (step === "cancel") {
        if (upload.status === "completed") return error(res, entry, 400, "the upload is already completed");
        upload.status = "cancelled";
        return send(res, entry, 200, uploadJson(upload));
      }
      // complete
      if (upload.status !== "pending") return error(res, entry, 400, `the upload is ${upload.status}`);
      const partIds = (body as { part_ids?: unknown })?.part_ids;
      if (!Array.isArray(partIds) || partIds.length === 0) return error(res, entry, 400, "part_ids is required");
      let total = 0;
      for (const id of partIds) {
        const part = parts.find((p) => p.id === id && p.uploadId === upload.id);
        if (!part) return error(res, entry, 400, `no part ${String(id)} in ${upload.id}`);
        total += part.bytes;
      }
      if (new Set(partIds).size !== partIds.length) return error(res, entry, 400, "a part id is repeated");
      if (total !== upload.bytes) return error(res, entry, 400, `the parts hold ${total} bytes, the upload was created for ${upload.bytes}`);
      upload.status = "completed";
      upload.completedWith = partIds as string[];
      const file = { id: `file-${upload.id.slice("upload_".length)}`, object: "file", bytes: upload.bytes, created_at: 1719186911, filename: upload.filename, purpose: upload.purpose, status: "processed", expires_at: null };
      return send(res, entry, 200, { ...uploadJson(upload), file });
    }, () => error(res, entry, 400, "the body is not JSON"));
  });

  const receivePart = (req: IncomingMessage, res: ServerResponse, entry: UploadsServer["log"][number], upload: UploadRecord | undefined, fault: UploadsFault | undefined) => {
    const record: PartRecord = { uploadId: upload?.id ?? "", bytes: 0, status: 0 };
    const hash = options.hashParts ? createHash("md5") : undefined;
    let bb: busboy.Busboy;
    try {
      // busboy stops at its limit: one byte more tells "over" from "exactly 64 MiB".
      bb = busboy({ headers: req.headers, limits: { fileSize: PART_LIMIT + 1, files: 1 } });
    } catch {
      req.resume();
      return req.on("end", () => error(res, entry, 400, "expected multipart/form-data with a `data` file"));
    }
    let tooBig = false;
    let hadData = false;
    bb.on("file", (name, stream) => {
      if (name !== "data") return stream.resume();
      hadData = true;
      stream.on("data", (chunk: Buffer) => {
        if (record.firstByte === undefined && chunk.length > 0) record.firstByte = chunk[0];
        record.bytes += chunk.length;
        hash?.update(chunk);
      });
      stream.on("limit", () => (tooBig = true));
    });
    bb.on("error", () => {
      req.unpipe(bb);
      req.resume();
      error(res, entry, 400, "malformed multipart body");
    });
    bb.on("close", () => {
      if (hash) record.md5 = hash.digest("hex");
      if (fault) {
        record.status = fault.kind === "hang" ? 0 : fault.status;
        parts.push(record);
        if (fault.kind === "status") send(res, entry, fault.status, { error: { message: `fault ${fault.status}`, type: "server_error", code: fault.code ?? null, param: null } }, fault.headers);
        return;
      }
      if (!upload) record.status = 404;
      else if (!hadData) record.status = 400;
      else if (tooBig) record.status = 400;
      else if (upload.status !== "pending") record.status = 400;
      else {
        record.status = 200;
        record.id = `part_${++ids}`;
      }
      parts.push(record);
      if (record.status !== 200) return error(res, entry, record.status, !upload ? "no such upload" : tooBig ? "a part holds at most 64 MB" : !hadData ? "the `data` field is missing" : `the upload is ${upload.status}`);
      send(res, entry, 200, { id: record.id, object: "upload.part", created_at: 1719185911, upload_id: upload!.id });
    });
    req.pipe(bb);
  };

  // POST /files: one multipart request (`purpose`, `file`), streamed and counted like a part.
  const receiveFile = (req: IncomingMessage, res: ServerResponse, entry: UploadsServer["log"][number]) => {
    const record = { filename: "", purpose: "", bytes: 0 };
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { files: 1 } });
    } catch {
      req.resume();
      return req.on("end", () => error(res, entry, 400, "expected multipart/form-data"));
    }
    bb.on("field", (name, value) => {
      if (name === "purpose") record.purpose = value;
    });
    bb.on("file", (name, stream, info) => {
      if (name !== "file") return stream.resume();
      record.filename = info.filename ?? "";
      stream.on("data", (chunk: Buffer) => (record.bytes += chunk.length));
    });
    bb.on("error", () => {
      req.unpipe(bb);
      req.resume();
      error(res, entry, 400, "malformed multipart body");
    });
    bb.on("close", () => {
      if (!record.filename || !record.purpose) return error(res, entry, 400, "purpose and file are required");
      files.push(record);
      send(res, entry, 200, { id: `file-s${files.length}`, object: "file", bytes: record.bytes, created_at: 1719186911, filename: record.filename, purpose: record.purpose, status: "processed", expires_at: null });
    });
    req.pipe(bb);
  };

  const { url, stop } = await listenOnLoopback(server);
  return {
    url,
    uploads,
    parts,
    files,
    log,
    get largestChunk() {
      return state.largestChunk;
    },
    stop,
  };
}

function uploadJson(u: UploadRecord) {
  return { id: u.id, object: "upload", bytes: u.bytes, created_at: 1719184911, filename: u.filename, purpose: u.purpose, status: u.status, expires_at: 1719188511 };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1024 * 1024) throw new Error("too large");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? undefined : JSON.parse(text);
}
