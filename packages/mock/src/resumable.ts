// Uploads in Google's resumable protocol, for a profile whose upload form is "resumable"
// (Gemini's media upload URI). `start` (X-Goog-Upload-Protocol: resumable, X-Goog-Upload-Command:
// start, with X-Goog-Upload-Header-Content-Length and -Content-Type and the file's metadata as
// JSON) opens a session and answers its URL in X-Goog-Upload-URL (the same path with an
// upload_id) and the chunk granularity. The bytes follow to that URL: `upload` at the
// X-Goog-Upload-Offset the server holds (every chunk but the last a multiple of the
// granularity), the last one `upload, finalize`, which makes the File and answers it. `query`
// answers the session's status and the size received (and, once final, the File); `cancel`
// ends it. A chunk whose connection is cut keeps the whole granules that arrived (what the
// protocol's servers persist; the client asks with `query` and goes on from there).
import { randomBytes } from "node:crypto";
import type { Answer, Handler, Incoming } from "./answer.js";
import { MockError } from "./errors.js";
import { fileAnswer, readJsonBody, uploadLimit, type Context } from "./files-api.js";
import type { SpecRoute } from "./model.js";
import type { StoredFile } from "./store.js";

/** Every chunk but the last is a multiple of this many bytes (the protocol's granularity). */
export const CHUNK_GRANULARITY = 256 * 1024;

/** The protocol's steps, as fault names: `upload.start`, `upload.chunk`, `upload.finalize`, `upload.query`, `upload.cancel`. */
export type ResumableStep = "start" | "chunk" | "finalize" | "query" | "cancel";

export interface MockUploadSession {
  id: string;
  displayName?: string;
  /** The length and type the start declared. */
  declared?: number;
  mimeType?: string;
  /** Bytes held so far. */
  received: number;
  status: "active" | "final" | "cancelled";
  /** The File it became. */
  fileId?: string;
}

interface Session extends MockUploadSession {
  chunks: Uint8Array[];
}

/** What a request of the protocol is, from its X-Goog-Upload-Command header. */
export function stepOf(header: string | string[] | undefined): ResumableStep | undefined {
  const command = String(Array.isArray(header) ? header[0] : (header ?? ""))
    .toLowerCase()
    .replace(/\s+/g, "");
  if (command === "start" || command === "query" || command === "cancel") return command;
  if (command === "upload") return "chunk";
  if (command === "upload,finalize" || command === "finalize") return "finalize";
  return undefined;
}

type Bytes = { session: Session; offset: number; bytes: Uint8Array; size: number; cut: boolean };
type Input = { step: "start"; displayName?: string; declared?: number; mimeType?: string } | ({ step: "chunk" } & Bytes) | ({ step: "finalize" } & Bytes) | { step: "query"; session: Session } | { step: "cancel"; session: Session };

export class ResumableUploads {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly ctx: Context) {}

  all(): MockUploadSession[] {
    return [...this.sessions.values()].map(({ chunks: _chunks, ...s }) => ({ ...s }));
  }

  handler(route: SpecRoute): Handler<Input> {
    const ctx = this.ctx;
    return {
      read: async (incoming) => {
        const { req, url } = incoming;
        const step = stepOf(req.headers["x-goog-upload-command"]);
        if (!step) {
          req.resume();
          throw new MockError(400, `X-Goog-Upload-Command must be one of start, upload, upload, finalize, query, cancel, got ${JSON.stringify(req.headers["x-goog-upload-command"] ?? "none")}`);
        }
        if (step === "start") {
          if (String(req.headers["x-goog-upload-protocol"] ?? "").toLowerCase() !== "resumable") {
            req.resume();
            throw new MockError(400, "X-Goog-Upload-Protocol must be resumable on start");
          }
          const body = await readJsonBody(req);
          const file = (body.file ?? {}) as Record<string, unknown>;
          const displayName = (file.displayName ?? file.display_name) as string | undefined;
          if (displayName !== undefined && (typeof displayName !== "string" || displayName.length > 512)) throw new MockError(400, "file.displayName must be a string of at most 512 characters");
          const length = req.headers["x-goog-upload-header-content-length"];
          const declared = length === undefined ? undefined : Number(length);
          if (declared !== undefined && (!Number.isSafeInteger(declared) || declared < 0)) throw new MockError(400, `X-Goog-Upload-Header-Content-Length must be a byte count, got ${String(length)}`);
          const limit = uploadLimit(ctx);
          if (declared !== undefined && declared > limit.bytes) throw new MockError(413, `the upload of ${declared} bytes is ${limit.why}`);
          const type = req.headers["x-goog-upload-header-content-type"];
          return { step, displayName, declared, mimeType: typeof type === "string" && type ? type : undefined };
        }
        const session = this.sessions.get(url.searchParams.get("upload_id") ?? "");
        if (!session) {
          req.resume();
          throw new MockError(404, `no upload session ${JSON.stringify(url.searchParams.get("upload_id") ?? "")}`);
        }
        if (step === "query" || step === "cancel") {
          req.resume();
          return step === "query" ? { step, session } : { step, session };
        }
        const offset = Number(req.headers["x-goog-upload-offset"]);
        const { bytes, size, cut } = await readChunk(incoming, ctx.storeContent ? uploadLimit(ctx).bytes : 0);
        incoming.bodyBytes = size;
        incoming.cut = cut;
        return step === "chunk" ? { step, session, offset, bytes, size, cut } : { step, session, offset, bytes, size, cut };
      },
      apply: (input) => {
        if (input.step === "start") {
          const id = randomBytes(12).toString("hex");
          this.sessions.set(id, { id, displayName: input.displayName, declared: input.declared, mimeType: input.mimeType, received: 0, status: "active", chunks: [] });
          const u = `${ctx.baseUrl()}${route.path}?upload_id=${id}`;
          return { status: 200, json: {}, headers: { "x-goog-upload-url": u, "x-goog-upload-status": "active", "x-goog-upload-chunk-granularity": String(CHUNK_GRANULARITY) } };
        }
        const s = input.session;
        if (input.step === "query") return this.status(route, s);
        if (input.step === "cancel") {
          if (s.status === "active") s.status = "cancelled";
          return { status: 200, json: {}, headers: { "x-goog-upload-status": s.status } };
        }
        if (s.status !== "active") throw new MockError(400, `the upload session is ${s.status}: start another`, { headers: { "x-goog-upload-status": s.status } });
        if (input.offset !== s.received) {
          throw new MockError(400, `X-Goog-Upload-Offset is ${Number.isFinite(input.offset) ? input.offset : "missing"}, but the server holds ${s.received} bytes: send from ${s.received} (query says how much arrived)`, { headers: { "x-goog-upload-status": "active", "x-goog-upload-size-received": String(s.received) } });
        }
        if (input.cut) {
          // A cut chunk: the server keeps the whole granules that arrived (what the protocol's
          // servers persist); the client asks (query) and goes on from there.
          const kept = Math.floor(input.size / CHUNK_GRANULARITY) * CHUNK_GRANULARITY;
          s.received += kept;
          if (ctx.storeContent) s.chunks.push(input.bytes.subarray(0, kept));
          return { status: 0, json: {} };
        }
        // Checked before anything is kept: a refused chunk leaves the session as it was.
        const next = s.received + input.size;
        const limit = uploadLimit(ctx);
        const held = { "x-goog-upload-status": "active", "x-goog-upload-size-received": String(s.received) };
        if (next > limit.bytes || (s.declared !== undefined && next > s.declared)) {
          s.status = "cancelled";
          throw new MockError(next > limit.bytes ? 413 : 400, next > limit.bytes ? `the upload of ${next} bytes is ${limit.why}` : `the upload would hold ${next} bytes, more than the ${s.declared} its start declared`);
        }
        if (input.step === "chunk" && input.size % CHUNK_GRANULARITY !== 0) throw new MockError(400, `every chunk but the last must be a multiple of ${CHUNK_GRANULARITY} bytes, got ${input.size}`, { headers: held });
        if (input.step === "finalize" && s.declared !== undefined && next !== s.declared) throw new MockError(400, `the upload would hold ${next} bytes where its start declared ${s.declared}`, { headers: held });
        if (input.step === "finalize" && next === 0) throw new MockError(400, "the upload holds no bytes: a file cannot be empty", { headers: held });
        s.received = next;
        if (ctx.storeContent) s.chunks.push(input.bytes);
        if (input.step === "chunk") return { status: 200, json: {}, headers: { "x-goog-upload-status": "active", "x-goog-upload-size-received": String(s.received) } };
        const content = ctx.storeContent ? concat(s.chunks, s.received) : undefined;
        s.chunks = [];
        const file = ctx.store.create({ filename: s.displayName ?? "", bytes: s.received, content, mimeType: s.mimeType ?? "application/octet-stream" });
        s.status = "final";
        s.fileId = file.id;
        return this.final(route, file);
      },
    };
  }

  private final(route: SpecRoute, file: StoredFile): Answer {
    const answer = fileAnswer(this.ctx, route, file, this.ctx.model.profile.operations.upload?.envelope);
    return { ...answer, headers: { ...answer.headers, "x-goog-upload-status": "final" } };
  }

  private status(route: SpecRoute, s: Session): Answer {
    const headers = { "x-goog-upload-status": s.status, "x-goog-upload-size-received": String(s.received) };
    const file = s.fileId ? this.ctx.store.get(s.fileId) : undefined;
    if (s.status === "final" && file) return { ...this.final(route, file), headers };
    return { status: 200, json: {}, headers };
  }
}

/** A chunk's bytes, up to `keep` of them held; where a fault cuts the request after some bytes, those that arrived. */
async function readChunk(incoming: Incoming, keep: number): Promise<{ bytes: Uint8Array; size: number; cut: boolean }> {
  const { req } = incoming;
  const chunks: Buffer[] = [];
  let size = 0;
  const cutAt = incoming.cutAfterBytes;
  return new Promise((resolve) => {
    let done = false;
    const finish = (cut: boolean) => {
      if (done) return;
      done = true;
      resolve({ bytes: new Uint8Array(Buffer.concat(chunks)), size, cut });
    };
    req.on("data", (piece: Buffer) => {
      if (done) return;
      let p = piece;
      if (cutAt !== undefined && size + p.length >= cutAt) {
        p = p.subarray(0, cutAt - size);
        size += p.length;
        if (size <= keep) chunks.push(p);
        req.socket.destroy();
        finish(true);
        return;
      }
      size += p.length;
      if (size <= keep) chunks.push(p);
    });
    req.on("end", () => finish(false));
    // The client went away partway: the bytes that arrived are kept, as for a cut.
    req.on("close", () => finish(!req.readableEnded));
    req.on("error", () => finish(true));
  });
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
