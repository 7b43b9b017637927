// @llm-files/mistral: Mistral's Files API, as core's one client shape over its profile
// (profile.ts) and generated paths, with the signed download URL. Every export is chosen and
// recorded in api/public-api.txt.
import { RequestPolicy, clientOf, type ClientOptions, type FilesClient, type UploadParams as Upload } from "@llm-files/core";
import { profile, type MistralFiles, type MistralTypes } from "./profile.js";
import { mistralFiles } from "./files.js";
import type { paths } from "./generated/schema.js";

export type MistralClient = FilesClient<MistralTypes, paths> & { readonly files: MistralFiles };
export type UploadParams = Upload<MistralTypes>;
export type ListPageOptions = NonNullable<Parameters<MistralFiles["listPage"]>[0]>;

/** A client for Mistral's Files API; the key from `apiKey` or MISTRAL_API_KEY, read at request time. */
export function createMistralClient(options: ClientOptions = {}): MistralClient {
  const policy = new RequestPolicy(profile, options);
  return clientOf<MistralTypes, paths>(policy, mistralFiles(policy)) as MistralClient;
}

export { profile, provider, mistralUploadFields, UPLOAD_PURPOSES, PURPOSES, VISIBILITIES, DEFAULT_PAGE_SIZE, MAX_FILE_BYTES, MAX_FILE_LABEL } from "./profile.js";
export type { MistralTypes, MistralFiles, SignedUrl, FileObject, UploadedFile, DeleteFileResponse, ListFilesResponse, ListQuery, Purpose, UploadPurpose, Visibility } from "./profile.js";
export { specInfo } from "./generated/spec-info.js";
export type { paths, components, operations } from "./generated/schema.js";
// The errors its calls throw, and the options they take (the same classes in every llm-files package).
export { FilesError, AuthenticationError, PermissionError, NotFoundError, RateLimitError, InvalidRequestError, InsufficientBalanceError, ServerError, ConnectionError, TimeoutError, UnsupportedError, FileProcessingError, OutcomeUnknownError, ValidationError } from "@llm-files/core";
export type { ClientOptions, CallOptions, FileInput, UploadProgress, UploadRecovery } from "@llm-files/core";
