// OpenAI's Uploads API over the generated paths (/v1/uploads, /parts, /complete, /cancel):
// the four typed operations, and the routed `files.upload` that sends files above
// `multipartThresholdBytes` (512 MiB by default) through them in parts (core's chunkedUpload).
import type { Client } from "openapi-fetch";
import {
  MAX_PART_BYTES,
  MAX_UPLOAD_BYTES,
  checkFileId,
  expectObject,
  openAIUploadSteps,
  parsedJson,
  prepareFile,
  uploadsInParts,
  type CallOptions,
  type FileInput,
  type OpenAIUploads,
  type PreparedFile,
  type RoutedUploadParams,
  type Transport,
  type UploadProgress,
} from "@llm-files/core";
import { createUploadRequestPurposeValues, type paths } from "./generated/schema.js";

export type Upload = paths["/v1/uploads"]["post"]["responses"][200]["content"]["application/json"];
export type UploadPart = paths["/v1/uploads/{upload_id}/parts"]["post"]["responses"][200]["content"]["application/json"];
export type CreateUploadParams = paths["/v1/uploads"]["post"]["requestBody"]["content"]["application/json"];
export type CompleteUploadParams = paths["/v1/uploads/{upload_id}/complete"]["post"]["requestBody"]["content"]["application/json"];
export type UploadsPurpose = CreateUploadParams["purpose"];

/** Purposes the Uploads API accepts, from the spec (fewer than POST /files: no user_data, evals). */
export const UPLOADS_PURPOSES: readonly UploadsPurpose[] = createUploadRequestPurposeValues;

export interface AddPartParams extends CallOptions {
  /** One part: at most 64 MiB (a path, Blob, bytes or stream). */
  data: FileInput;
  /** Required for bytes and streams; the part's name in the multipart body. */
  filename?: string;
  onProgress?: (progress: UploadProgress) => void;
}

/** The raw Uploads API; `files.upload` drives it for big files, so most callers never need it. */
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

type FileOf = NonNullable<Upload["file"]>;

/** The typed operations, plus the shape core's chunkedUpload drives (a part as a prepared file slice). */
export function openAIUploadsApi(raw: Client<paths>, transport: Transport): { api: OpenAIUploadsApi; steps: OpenAIUploads<FileOf> } {
  const P = transport.provider;
  const id = (uploadId: string) => ({ path: { upload_id: checkFileId(P, uploadId, "uploadId") } });
  const upload = (what: string) => (data: unknown) => expectObject<Upload>(P, data, `${what} { id, status, ... }`, ["id", "status"]);
  const sendPart = async (uploadId: string, part: PreparedFile, call: CallOptions & { onProgress?: (p: UploadProgress) => void }): Promise<UploadPart> => {
    const path = `/v1/uploads/${encodeURIComponent(checkFileId(P, uploadId, "uploadId"))}/parts` satisfies `/v1/uploads/${string}/parts`;
    const res = await transport.upload(path, {}, "data", part, { idempotent: true, ...call });
    return expectObject<UploadPart>(P, await parsedJson(P, res.json()), "an upload part { id, ... }", ["id"]);
  };
  const api: OpenAIUploadsApi = {
    // Creating twice is harmless (an Upload never completed stores nothing and expires): retried like a GET.
    create: async (params, options = {}) => upload("an upload")((await parsedJson(P, raw.POST("/v1/uploads", { body: params, fetch: transport.fetchFor({ idempotent: true, ...options }) }))).data),
    async addPart(uploadId, params) {
      const { data, filename, ...call } = params;
      const part = await prepareFile(data, { provider: P, filename: filename ?? "part", maxBytes: MAX_PART_BYTES, maxLabel: "64 MiB per part" });
      return sendPart(uploadId, part, call);
    },
    complete: async (uploadId, params, options = {}) =>
      upload("a completed upload")((await parsedJson(P, raw.POST("/v1/uploads/{upload_id}/complete", { params: id(uploadId), body: params, fetch: transport.fetchFor(options) }))).data),
    cancel: async (uploadId, options = {}) =>
      upload("a cancelled upload")((await parsedJson(P, raw.POST("/v1/uploads/{upload_id}/cancel", { params: id(uploadId), fetch: transport.fetchFor({ idempotent: true, ...options }) }))).data),
  };
  const steps: OpenAIUploads<FileOf> = {
    create: (params, options) => api.create(params as CreateUploadParams, options),
    addPart: (uploadId, part, options = {}) => sendPart(uploadId, part, options),
    complete: (uploadId, partIds, options = {}) => {
      const { md5, ...call } = options;
      return api.complete(uploadId, md5 === undefined ? { part_ids: partIds } : { part_ids: partIds, md5 }, call);
    },
    cancel: (uploadId, options) => api.cancel(uploadId, options),
  };
  return { api, steps };
}

/** `files.upload` routed by size: one POST /v1/files up to the threshold, the Uploads API above it. */
export function routedUpload<Params extends RoutedUploadParams & { expires_after?: { seconds: unknown } }>(
  provider: string,
  single: (params: Params) => Promise<FileOf>,
  steps: OpenAIUploads<FileOf>,
  singleMaxBytes: number,
  checkExpiry: (params: Params) => void,
): (params: Params) => Promise<FileOf> {
  return uploadsInParts<FileOf, Params>({
    provider,
    single,
    steps: (p) => {
      checkExpiry(p); // a whole number of seconds once checked
      return openAIUploadSteps(steps, provider, { purpose: p.purpose, expiresAfterSeconds: p.expires_after === undefined ? undefined : Number(p.expires_after.seconds) });
    },
    partsPurposes: UPLOADS_PURPOSES,
    singleMaxBytes,
    partsMaxBytes: MAX_UPLOAD_BYTES,
    partsMaxLabel: "8 GB",
  });
}
