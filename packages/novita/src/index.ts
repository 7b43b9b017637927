// @llm-files/novita: Novita AI's Files API, as core's one client shape over its profile
// (profile.ts) and generated paths. Every export is chosen and recorded in api/public-api.txt.
import { RequestPolicy, clientOf, type ClientOptions, type Files, type FilesClient, type UploadParams as Upload } from "@llm-files/core";
import { profile, type NovitaTypes } from "./profile.js";
import { novitaFiles } from "./files.js";
import type { paths } from "./generated/schema.js";

export type NovitaFiles = Files<NovitaTypes>;
export type NovitaClient = FilesClient<NovitaTypes, paths>;
export type UploadParams = Upload<NovitaTypes>;

/** A client for Novita AI's Files API; the key from `apiKey` or NOVITA_API_KEY, read at request time. */
export function createNovitaClient(options: ClientOptions = {}): NovitaClient {
  const policy = new RequestPolicy(profile, options);
  return clientOf<NovitaTypes, paths>(policy, novitaFiles(policy));
}

export { profile, provider, UPLOAD_PURPOSES, PURPOSES, MAX_FILE_BYTES } from "./profile.js";
export type { NovitaTypes, FileObject, DeleteFileResponse, ListFilesResponse, Purpose, UploadPurpose } from "./profile.js";
export { specInfo } from "./generated/spec-info.js";
export type { paths, components, operations } from "./generated/schema.js";
// The errors its calls throw, and the options they take (the same classes in every llm-files package).
export { FilesError, AuthenticationError, PermissionError, NotFoundError, RateLimitError, InvalidRequestError, InsufficientBalanceError, ServerError, ConnectionError, TimeoutError, UnsupportedError, FileProcessingError, OutcomeUnknownError, ValidationError } from "@llm-files/core";
export type { ClientOptions, CallOptions, FileInput, UploadProgress, UploadRecovery } from "@llm-files/core";
