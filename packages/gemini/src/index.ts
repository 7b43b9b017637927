// @llm-files/gemini: Gemini's Files API, as core's one client shape over its profile
// (profile.ts) and generated paths. Every export is chosen and recorded in api/public-api.txt.
import { RequestPolicy, clientOf, type ClientOptions, type Files, type FilesClient, type UploadParams as Upload } from "@llm-files/core";
import { profile, type GeminiTypes } from "./profile.js";
import { geminiFiles } from "./files.js";
import type { paths } from "./generated/schema.js";

export type GeminiFiles = Files<GeminiTypes>;
export type GeminiClient = FilesClient<GeminiTypes, paths>;
export type UploadParams = Upload<GeminiTypes>;

/**
 * A client for Gemini's Files API; the key from `apiKey` or GEMINI_API_KEY, read at request
 * time. `files.upload` sends the file with the resumable protocol (files.ts, resumable.ts).
 */
export function createGeminiClient(options: ClientOptions = {}): GeminiClient {
  const policy = new RequestPolicy(profile, options);
  return clientOf<GeminiTypes, paths>(policy, geminiFiles(policy));
}

export { profile, provider, UPLOAD_PURPOSES, PURPOSES, MAX_FILE_BYTES } from "./profile.js";
export { DEFAULT_CHUNK_BYTES, CHUNK_GRANULARITY_BYTES } from "./resumable.js";
export type { ResumableUploadOptions } from "./resumable.js";
export type { GeminiTypes, FileObject, DeleteFileResponse, ListFilesResponse, Purpose, UploadPurpose } from "./profile.js";
export { specInfo } from "./generated/spec-info.js";
export type { paths, components, operations } from "./generated/schema.js";
// The errors its calls throw, and the options they take (the same classes in every llm-files package).
export { FilesError, AuthenticationError, PermissionError, NotFoundError, RateLimitError, InvalidRequestError, InsufficientBalanceError, ServerError, ConnectionError, TimeoutError, UnsupportedError, FileProcessingError, OutcomeUnknownError, ValidationError } from "@llm-files/core";
export type { ClientOptions, CallOptions, FileInput, UploadProgress, UploadRecovery } from "@llm-files/core";
