// OpenAI's Uploads API (POST /uploads, /uploads/{id}/parts, /complete, /cancel) over a
// Transport: the four raw operations, and the UploadSteps that chunkedUpload drives.
import type { Transport } from "./transport.js";
import type { CallOptions } from "./protocol.js";
import { ValidationError } from "./errors.js";
import { checkFileId } from "./validate.js";
import { expectObject, parsedJson, responseShapeError } from "./shape.js";
import type { PreparedFile, UploadProgress } from "./upload.js";
import type { UploadSteps } from "./chunked-upload.js";

/** Everything an Upload accepts in total: 8 GiB. */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024 * 1024;

export interface OpenAIUpload<File = unknown> {
  id: string;
  object?: "upload";
  status: "pending" | "completed" | "cancelled" | "expired" | (string & {});
  bytes: number;
  filename: string;
  purpose: string;
  created_at: number;
  expires_at?: number;
  /** The File made from the parts, once completed. */
  file?: File | null;
}

export interface OpenAIUploadPart {
  id: string;
  object?: "upload.part";
  upload_id?: string;
  created_at?: number;
}

export interface OpenAICreateUploadParams {
  filename: string;
  purpose: string;
  bytes: number;
  mime_type: string;
  expires_after?: { anchor: "created_at"; seconds: number };
}

export interface OpenAIUploads<File = unknown> {
  create(params: OpenAICreateUploadParams, options?: CallOptions): Promise<OpenAIUpload<File>>;
  /** One part (≤ 64 MiB) as multipart `data`; safe to retry: a part left out of complete() is dropped. */
  addPart(uploadId: string, part: PreparedFile, options?: CallOptions & { onProgress?: (p: UploadProgress) => void }): Promise<OpenAIUploadPart>;
  complete(uploadId: string, partIds: string[], options?: CallOptions & { md5?: string }): Promise<OpenAIUpload<File>>;
  cancel(uploadId: string, options?: CallOptions): Promise<OpenAIUpload<File>>;
}

/** The Uploads API under `uploadsPath` (e.g. "/v1/uploads"). */
export function openAIUploads<File = unknown>(transport: Transport, uploadsPath: string): OpenAIUploads<File> {
  const P = transport.provider;
  const at = (uploadId: string, step: string) => `${uploadsPath}/${encodeURIComponent(checkFileId(P, uploadId, "uploadId"))}/${step}`;
  const post = async <T>(path: string, body: unknown, call: CallOptions, idempotent: boolean, keys: string[]): Promise<T> => {
    transport.checkCall(call);
    const res = await transport.request(
      {
        url: transport.baseUrl + path,
        method: "POST",
        headers: new Headers({ accept: "application/json", "content-type": "application/json" }),
        body: body === undefined ? undefined : () => JSON.stringify(body),
        idempotent: call.idempotent ?? idempotent,
        retryUnprocessed: true,
      },
      call,
    );
    return expectObject<T>(P, await parsedJson(P, res.json()), `an object { ${keys.join(", ")}, ... }`, keys);
  };
  return {
    // Creating twice is harmless (an Upload never completed stores nothing and expires): retried like a GET.
    create: (params, options = {}) => post(uploadsPath, params, options, true, ["id", "status"]),
    async addPart(uploadId, part, options = {}) {
      const res = await transport.upload(at(uploadId, "parts"), {}, "data", part, { idempotent: true, ...options });
      return expectObject<OpenAIUploadPart>(P, await parsedJson(P, res.json()), "an upload part { id, ... }", ["id"]);
    },
    complete(uploadId, partIds, options = {}) {
      const { md5, ...call } = options;
      return post(at(uploadId, "complete"), md5 === undefined ? { part_ids: partIds } : { part_ids: partIds, md5 }, call, false, ["id", "status"]);
    },
    // Cancelling twice is harmless: safe to repeat.
    cancel: (uploadId, options = {}) => post(at(uploadId, "cancel"), undefined, options, true, ["id", "status"]),
  };
}

export interface OpenAIUploadStepsOptions {
  purpose: string;
  /** OpenAI's expires_after (anchored at creation). */
  expiresAfterSeconds?: number;
}

/** The steps chunkedUpload drives for OpenAI: resolves with the File the completed Upload carries. */
export function openAIUploadSteps<File>(uploads: OpenAIUploads<File>, provider: string, opts: OpenAIUploadStepsOptions): UploadSteps<File> {
  return {
    async create(file, call) {
      if (file.size > MAX_UPLOAD_BYTES) {
        throw new ValidationError(provider, "file", `is ${file.size} bytes, over the 8 GiB an OpenAI upload may hold in total: split it`);
      }
      const params: OpenAICreateUploadParams = { filename: file.filename, purpose: opts.purpose, bytes: file.size, mime_type: file.contentType };
      if (opts.expiresAfterSeconds !== undefined) params.expires_after = { anchor: "created_at", seconds: opts.expiresAfterSeconds };
      return uploads.create(params, call);
    },
    addPart: (id, part, call) => uploads.addPart(id, part, call),
    async complete(id, partIds, call) {
      const done = await uploads.complete(id, partIds, call);
      if (typeof done.file !== "object" || done.file === null || typeof (done.file as { id?: unknown }).id !== "string") {
        throw responseShapeError(provider, `the completed upload ${id} with its file { id, ... }`, done.file);
      }
      return done.file;
    },
    cancel: (id, call) => uploads.cancel(id, call),
  };
}
