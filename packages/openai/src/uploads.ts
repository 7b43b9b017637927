// OpenAI's Uploads API (POST /v1/uploads, /parts, /complete, /cancel) over the request
// policy, typed by the generated paths: every request gets the retries, timeouts and typed
// errors of any other. `files.upload` drives it for big files (in-parts.ts).
import { RequestPolicy, checkFileId, expectObject, prepareFile, type CallOptions, type FileInput, type PreparedFile, type UploadProgress } from "@llm-files/core";
import { createUploadRequestPurposeValues, type paths } from "./generated/schema.js";

export type Upload = paths["/v1/uploads"]["post"]["responses"][200]["content"]["application/json"];
export type UploadPart = paths["/v1/uploads/{upload_id}/parts"]["post"]["responses"][200]["content"]["application/json"];
export type CreateUploadParams = paths["/v1/uploads"]["post"]["requestBody"]["content"]["application/json"];
export type CompleteUploadParams = paths["/v1/uploads/{upload_id}/complete"]["post"]["requestBody"]["content"]["application/json"];
export type UploadsPurpose = CreateUploadParams["purpose"];

/** Purposes the Uploads API accepts, from the spec (fewer than POST /files: no user_data, evals). */
export const UPLOADS_PURPOSES: readonly UploadsPurpose[] = createUploadRequestPurposeValues;
/** The largest part the Uploads API accepts, and the default part size: 64 MiB. */
export const MAX_PART_BYTES = 64 * 1024 * 1024;
/** Everything an Upload accepts in total: 8 GiB. */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024 * 1024;

export interface AddPartParams extends CallOptions {
  /** One part: at most 64 MiB (a path, Blob, bytes or stream). */
  data: FileInput;
  /** Required for bytes and streams; the part's name in the multipart body. */
  filename?: string;
  onProgress?: (progress: UploadProgress) => void;
}

/** The Uploads API; `files.upload` drives it for big files, so most callers never need it. */
export interface OpenAIUploadsApi {
  /** POST /v1/uploads: an Upload with status "pending" (it expires after an hour). */
  create(params: CreateUploadParams, options?: CallOptions): Promise<Upload>;
  /** POST /v1/uploads/{id}/parts: one part; retried like a GET (a part left out of complete() is dropped). */
  addPart(uploadId: string, params: AddPartParams): Promise<UploadPart>;
  /** POST /v1/uploads/{id}/complete: the Upload, with its `file`, from the parts in the order given. */
  complete(uploadId: string, params: CompleteUploadParams, options?: CallOptions): Promise<Upload>;
  /** POST /v1/uploads/{id}/cancel. */
  cancel(uploadId: string, options?: CallOptions): Promise<Upload>;
}

/** The API, and `sendPart` for a part already prepared (a range of a file sent in parts). */
export interface UploadsApi extends OpenAIUploadsApi {
  sendPart(uploadId: string, part: PreparedFile, call: CallOptions & { onProgress?: (p: UploadProgress) => void }): Promise<UploadPart>;
}

export function uploadsApi(policy: RequestPolicy): UploadsApi {
  const P = policy.provider;
  const at = (uploadId: string, step: string) => `${policy.baseUrl}/v1/uploads/${encodeURIComponent(checkFileId(P, uploadId, "uploadId"))}/${step}`;
  const post = async <T>(url: string, body: unknown, call: CallOptions = {}, idempotent: boolean): Promise<T> => {
    policy.checkCall(call);
    const reply = await policy.send(
      {
        url,
        method: "POST",
        headers: new Headers({ accept: "application/json", "content-type": "application/json" }),
        body: body === undefined ? undefined : () => JSON.stringify(body),
        idempotent: call.idempotent ?? idempotent,
        retryUnprocessed: true,
        expect: "json",
      },
      call,
    );
    return expectObject<T>(P, reply.json, "an upload { id, status, ... }", ["id", "status"]);
  };
  const sendPart: UploadsApi["sendPart"] = async (uploadId, part, call) => {
    const reply = await policy.upload(at(uploadId, "parts"), {}, "data", part, { idempotent: true, ...call });
    return expectObject<UploadPart>(P, reply.json, "an upload part { id, ... }", ["id"]);
  };
  return {
    // Creating twice is harmless (an Upload never completed stores nothing and expires): retried like a GET.
    create: (params, options) => post<Upload>(`${policy.baseUrl}/v1/uploads`, params, options, true),
    async addPart(uploadId, params) {
      const { data, filename, ...call } = params;
      const part = await prepareFile(data, { provider: P, filename: filename ?? "part", maxBytes: MAX_PART_BYTES, maxLabel: "64 MiB per part" });
      return sendPart(uploadId, part, call);
    },
    complete: (uploadId, { part_ids, md5 }, options) => post<Upload>(at(uploadId, "complete"), md5 === undefined ? { part_ids } : { part_ids, md5 }, options, false),
    // Cancelling twice is harmless: safe to repeat.
    cancel: (uploadId, options) => post<Upload>(at(uploadId, "cancel"), undefined, options, true),
    sendPart,
  };
}
