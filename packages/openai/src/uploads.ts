// OpenAI's Uploads API (/v1/uploads, /parts, /complete, /cancel) typed by the generated
// paths: the four operations (core's openAIUploads sends them), and the routed `files.upload` that sends files above
// `multipartThresholdBytes` (512 MiB by default) through them in parts (core's chunkedUpload).
import {
  MAX_PART_BYTES,
  MAX_UPLOAD_BYTES,
  openAIUploadSteps,
  openAIUploads,
  prepareFile,
  uploadsInParts,
  type CallOptions,
  type FileInput,
  type OpenAICreateUploadParams,
  type OpenAIUploads,
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

/**
 * The typed operations over core's OpenAI Uploads API (the same requests, retries and checks
 * chunkedUpload drives), plus that untyped shape itself for the routed upload.
 */
export function openAIUploadsApi(transport: Transport): { api: OpenAIUploadsApi; steps: OpenAIUploads<FileOf> } {
  const P = transport.provider;
  const steps = openAIUploads<FileOf>(transport, "/v1/uploads");
  const api: OpenAIUploadsApi = {
    create: (params, options) => steps.create(params as OpenAICreateUploadParams, options) as Promise<Upload>,
    async addPart(uploadId, params) {
      const { data, filename, ...call } = params;
      const part = await prepareFile(data, { provider: P, filename: filename ?? "part", maxBytes: MAX_PART_BYTES, maxLabel: "64 MiB per part" });
      return steps.addPart(uploadId, part, call) as Promise<UploadPart>;
    },
    complete: (uploadId, { part_ids, md5 }, options = {}) => steps.complete(uploadId, part_ids, { ...options, md5 }) as Promise<Upload>,
    cancel: (uploadId, options) => steps.cancel(uploadId, options) as Promise<Upload>,
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
