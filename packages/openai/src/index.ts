// @llm-files/openai: OpenAI's Files API, as core's one client shape over its profile
// (profile.ts) and generated paths, with its Uploads API for files above 512 MB (uploads.ts,
// in-parts.ts). Every export is chosen and recorded in api/public-api.txt.
import { RequestPolicy, clientOf, type ClientOptions, type Files, type FilesClient, type UploadParams as Upload } from "@llm-files/core";
import { profile, type OpenAITypes } from "./profile.js";
import { openaiFiles } from "./files.js";
import { uploadsApi, type OpenAIUploadsApi } from "./uploads.js";
import type { paths } from "./generated/schema.js";

export type OpenAIFiles = Files<OpenAITypes>;
export type UploadParams = Upload<OpenAITypes>;
export type ListPageOptions = NonNullable<Parameters<OpenAIFiles["listPage"]>[0]>;
export interface OpenAIClient extends FilesClient<OpenAITypes, paths> {
  /** The raw Uploads API (create, addPart, complete, cancel); `files.upload` uses it for big files. */
  readonly uploads: OpenAIUploadsApi;
}

/** A client for OpenAI's Files API; the key from `apiKey` or OPENAI_API_KEY, read at request time. */
export function createOpenAIClient(options: ClientOptions = {}): OpenAIClient {
  const policy = new RequestPolicy(profile, options);
  // The Uploads API as the caller sees it (the part sender is files.upload's own): over the same policy as the files.
  const { sendPart: _internal, ...uploads } = uploadsApi(policy);
  return clientOf<OpenAITypes, paths, { uploads: OpenAIUploadsApi }>(policy, openaiFiles(policy), { uploads });
}

export { profile, provider, expiresAfterFields, UPLOAD_PURPOSES, PURPOSES, MAX_FILE_BYTES, MAX_FILE_LABEL, EXPIRES_AFTER_SECONDS } from "./profile.js";
export type { OpenAITypes, FileObject, DeleteFileResponse, ListFilesResponse, ListQuery, Purpose, UploadPurpose, ExpiresAfter } from "./profile.js";
export { UPLOADS_PURPOSES, MAX_PART_BYTES, MAX_UPLOAD_BYTES } from "./uploads.js";
export type { OpenAIUploadsApi, Upload, UploadPart, CreateUploadParams, CompleteUploadParams, UploadsPurpose, AddPartParams } from "./uploads.js";
export { DEFAULT_MULTIPART_THRESHOLD_BYTES, DEFAULT_PART_CONCURRENCY } from "./in-parts.js";
export type { UploadInPartsOptions } from "./in-parts.js";
export { specInfo } from "./generated/spec-info.js";
export type { paths, components, operations } from "./generated/schema.js";
// The errors its calls throw, and the options they take (the same classes in every llm-files package).
export { FilesError, AuthenticationError, PermissionError, NotFoundError, RateLimitError, InvalidRequestError, InsufficientBalanceError, ServerError, ConnectionError, TimeoutError, UnsupportedError, FileProcessingError, OutcomeUnknownError, ValidationError } from "@llm-files/core";
export type { ClientOptions, CallOptions, FileInput, UploadProgress, UploadRecovery } from "@llm-files/core";
