// An Uploads API (operationIds createUpload, addUploadPart, completeUpload, cancelUpload, as
// OpenAI's document names them; any spec that has them gets them): an Upload is created for a
// byte count, takes parts (each at most 64 MB, in any order, in parallel), and completes into a
// File from the parts named, in that order, when their bytes add up to the count created (and
// match the md5, when one is given); it can be cancelled, and it expires an hour after it was
// created. The File is the same as an upload's: listed, retrieved, downloaded, deleted.
import { createHash, randomBytes } from "node:crypto";
import type { Handler, Incoming } from "./answer.js";
import { bodySchema } from "./checks.js";
import { MockError } from "./errors.js";
import { readJsonBody, uploadLimit, type Context } from "./files-api.js";
import { groupName, type SpecRoute } from "./model.js";
import { BadBody, readMultipart } from "./multipart.js";
import { jsonMediaOf, sample, variantOf } from "./spec.js";

/** "Each Part can be at most 64 MB", "an Upload can accept at most 8 GB in total and expires after an hour" (the document's words). */
export const PART_MAX_BYTES = 64 * 1024 * 1024;
export const UPLOAD_MAX_BYTES = 8 * 1024 ** 3;
export const UPLOAD_TTL_MS = 3600 * 1000;

export const UPLOAD_OPERATIONS = ["createUpload", "addUploadPart", "completeUpload", "cancelUpload"] as const;

export interface MockPart {
  id: string;
  bytes: number;
  /** Undefined when the mock keeps no content. */
  content?: Uint8Array;
  createdAt: number;
}

export interface MockUpload {
  id: string;
  filename: string;
  purpose: string;
  bytes: number;
  mimeType: string;
  status: "pending" | "completed" | "cancelled" | "expired";
  createdAt: number;
  expiresAt: number;
  /** `expires_after.seconds` of the create request: the File's expiry. */
  fileExpiresInSeconds?: number;
  /** Every part added, in the order they arrived. */
  parts: MockPart[];
  /** The part ids the completion named, in order. */
  completedWith?: string[];
  /** The File it became. */
  fileId?: string;
}

export class Uploads {
  readonly uploads = new Map<string, MockUpload>();

  constructor(private readonly ctx: Context) {}

  /** The upload, its status brought up to the mock's clock. */
  get(id: string): MockUpload | undefined {
    const u = this.uploads.get(id);
    if (u && u.status === "pending" && this.ctx.clock.now() >= u.expiresAt) u.status = "expired";
    return u;
  }

  all(): MockUpload[] {
    return [...this.uploads.keys()].map((id) => this.get(id)!);
  }

  private answer(route: SpecRoute, u: MockUpload): unknown {
    const { doc } = this.ctx.model;
    const media = jsonMediaOf(doc, route.op.responses?.["200"]);
    const schema = media?.schema;
    const body = (schema ? sample(doc, schema) : {}) as Record<string, unknown>;
    Object.assign(body, { id: u.id, object: "upload", bytes: u.bytes, created_at: Math.floor(u.createdAt / 1000), filename: u.filename, purpose: u.purpose, status: u.status, expires_at: Math.floor(u.expiresAt / 1000) });
    const fileProp = schema?.properties?.file;
    const file = u.fileId ? this.ctx.store.files.get(u.fileId) : undefined;
    if (file) body.file = this.ctx.store.render(file, fileProp ? variantOf(doc, fileProp) : undefined, this.ctx.contentUrl);
    else if (fileProp) body.file = null;
    return body;
  }

  /** The upload a route names, or the error an API gives for it. */
  private pending(route: SpecRoute, params: Record<string, string>, action: string): MockUpload {
    const param = /\{([^}]+)\}/.exec(route.path)?.[1] ?? "upload_id";
    const id = params[groupName(param)] ?? "";
    const u = this.get(id);
    if (!u) throw new MockError(404, `no upload ${id}`);
    if (u.status !== "pending") throw new MockError(400, `cannot ${action} upload ${id}: it is ${u.status}`);
    return u;
  }

  /** The handler of one of the Uploads API's operations, or undefined for another operation. */
  handler(route: SpecRoute): Handler<any> | undefined {
    const { checks, doc } = this.ctx.model;
    const json = async (incoming: Incoming) => {
      const body = await readJsonBody(incoming.req);
      const schema = bodySchema(doc, route.op, "json");
      if (!schema) return body;
      const { value, error } = checks.check(schema, body);
      if (error) throw new MockError(400, error);
      return value as Record<string, unknown>;
    };
    switch (route.operationId) {
      case "createUpload":
        return {
          read: async (incoming) => {
            const b = await json(incoming);
            const bytes = b.bytes as number;
            if (bytes > UPLOAD_MAX_BYTES) throw new MockError(400, `an upload holds at most 8 GB, asked for ${bytes} bytes`);
            const limit = uploadLimit(this.ctx, String(b.purpose));
            // The Uploads API takes what /files does not: only what the mock keeps in memory bounds it.
            if (this.ctx.storeContent && bytes > this.ctx.maxUploadBytes) throw new MockError(413, `an upload of ${bytes} bytes is ${limit.why}`);
            const expires = b.expires_after as { seconds?: number } | undefined;
            return { filename: String(b.filename), purpose: String(b.purpose), bytes, mimeType: String(b.mime_type), fileExpiresInSeconds: expires?.seconds };
          },
          apply: (input: Pick<MockUpload, "filename" | "purpose" | "bytes" | "mimeType" | "fileExpiresInSeconds">) => {
            const now = this.ctx.clock.now();
            const u: MockUpload = { id: `upload_${randomBytes(12).toString("hex")}`, ...input, status: "pending", createdAt: now, expiresAt: now + UPLOAD_TTL_MS, parts: [] };
            this.uploads.set(u.id, u);
            return { status: 200, json: this.answer(route, u) };
          },
        } satisfies Handler<Pick<MockUpload, "filename" | "purpose" | "bytes" | "mimeType" | "fileExpiresInSeconds">>;
      case "addUploadPart":
        return {
          read: async (incoming) => {
            const field = Object.keys(bodySchema(doc, route.op, "multipart")?.properties ?? { data: {} })[0] ?? "data";
            let form;
            try {
              form = await readMultipart(incoming.req, { keep: this.ctx.storeContent, limit: PART_MAX_BYTES });
            } catch (err) {
              if (err instanceof BadBody) throw new MockError(400, err.message);
              throw err;
            }
            incoming.parts = form.files;
            const part = form.files.find((p) => p.name === field);
            if (!part) throw new MockError(400, `the ${field} part (the part's bytes) is missing`);
            if (part.overLimit) throw new MockError(400, `a part holds at most 64 MB, got ${part.bytes} bytes`);
            return { params: incoming.params, part };
          },
          apply: (input: { params: Record<string, string>; part: { bytes: number; content?: Uint8Array } }) => {
            const u = this.pending(route, input.params, "add a part to");
            const part: MockPart = { id: `part_${randomBytes(12).toString("hex")}`, bytes: input.part.bytes, content: input.part.content, createdAt: this.ctx.clock.now() };
            u.parts.push(part);
            const media = jsonMediaOf(doc, route.op.responses?.["200"]);
            const body = (media?.schema ? sample(doc, media.schema) : {}) as Record<string, unknown>;
            Object.assign(body, { id: part.id, object: "upload.part", created_at: Math.floor(part.createdAt / 1000), upload_id: u.id });
            return { status: 200, json: body };
          },
        } satisfies Handler<{ params: Record<string, string>; part: { bytes: number; content?: Uint8Array } }>;
      case "completeUpload":
        return {
          read: async (incoming) => ({ params: incoming.params, body: await json(incoming) }),
          apply: (input: { params: Record<string, string>; body: { part_ids?: unknown; md5?: unknown } }) => {
            const u = this.pending(route, input.params, "complete");
            const ids = input.body.part_ids;
            if (!Array.isArray(ids) || ids.length === 0) throw new MockError(400, "part_ids must name the upload's parts, in order");
            if (new Set(ids).size !== ids.length) throw new MockError(400, "part_ids names a part twice");
            const parts = ids.map((id) => {
              const p = u.parts.find((x) => x.id === id);
              if (!p) throw new MockError(400, `part_ids: no part ${String(id)} in upload ${u.id}`);
              return p;
            });
            const total = parts.reduce((n, p) => n + p.bytes, 0);
            if (total !== u.bytes) throw new MockError(400, `the parts hold ${total} bytes; the upload was created for ${u.bytes}`);
            const kept = parts.every((p) => p.content);
            const content = kept ? new Uint8Array(Buffer.concat(parts.map((p) => p.content!))) : undefined;
            if (typeof input.body.md5 === "string" && content) {
              const md5 = createHash("md5").update(content).digest("hex");
              if (md5 !== input.body.md5.toLowerCase()) throw new MockError(400, `md5: the parts' bytes have md5 ${md5}, not ${input.body.md5}`);
            }
            const file = this.ctx.store.create({ filename: u.filename, purpose: u.purpose, bytes: u.bytes, content, mimeType: u.mimeType, expiresInSeconds: u.fileExpiresInSeconds });
            u.status = "completed";
            u.completedWith = ids.map(String);
            u.fileId = file.id;
            return { status: 200, json: this.answer(route, u) };
          },
        } satisfies Handler<{ params: Record<string, string>; body: { part_ids?: unknown; md5?: unknown } }>;
      case "cancelUpload":
        return {
          read: async (incoming) => {
            incoming.req.resume();
            return { params: incoming.params };
          },
          apply: (input: { params: Record<string, string> }) => {
            const param = /\{([^}]+)\}/.exec(route.path)?.[1] ?? "upload_id";
            const id = input.params[groupName(param)] ?? "";
            const u = this.get(id);
            if (!u) throw new MockError(404, `no upload ${id}`);
            if (u.status === "completed") throw new MockError(400, `cannot cancel upload ${id}: it is completed`);
            if (u.status === "pending") u.status = "cancelled";
            return { status: 200, json: this.answer(route, u) };
          },
        } satisfies Handler<{ params: Record<string, string> }>;
      default:
        return undefined;
    }
  }
}

