// @llm-files/moonshot: Moonshot AI (Kimi)'s Files API, as core's one client shape over its profile
// (profile.ts) and generated paths. Every export is chosen and recorded in api/public-api.txt.
import { RequestPolicy, clientOf, type ClientOptions, type Files, type FilesClient, type UploadParams as Upload } from "@llm-files/core";
import { profile, type MoonshotTypes } from "./profile.js";
import { moonshotFiles } from "./files.js";
import type { paths } from "./generated/schema.js";

export type MoonshotFiles = Files<MoonshotTypes>;
export type MoonshotClient = FilesClient<MoonshotTypes, paths>;
export type UploadParams = Upload<MoonshotTypes>;

/** A client for Moonshot AI (Kimi)'s Files API; the key from `apiKey` or MOONSHOT_API_KEY, read at request time. */
export function createMoonshotClient(options: ClientOptions = {}): MoonshotClient {
  const policy = new RequestPolicy(profile, options);
  return clientOf<MoonshotTypes, paths>(policy, moonshotFiles(policy));
}

export { profile, provider, UPLOAD_PURPOSES, PURPOSES, MAX_FILE_BYTES } from "./profile.js";
export type { MoonshotTypes, FileObject, DeleteFileResponse, ListFilesResponse, Purpose, UploadPurpose } from "./profile.js";
export { specInfo } from "./generated/spec-info.js";
export type { paths, components, operations } from "./generated/schema.js";
// The errors its calls throw, and the options they take (the same classes in every llm-files package).
export { FilesError, AuthenticationError, PermissionError, NotFoundError, RateLimitError, InvalidRequestError, InsufficientBalanceError, ServerError, ConnectionError, TimeoutError, UnsupportedError, FileProcessingError, OutcomeUnknownError, ValidationError } from "@llm-files/core";
export type { ClientOptions, CallOptions, FileInput, UploadProgress, UploadRecovery } from "@llm-files/core";
