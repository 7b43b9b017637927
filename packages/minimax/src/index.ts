// @llm-files/minimax: MiniMax's File Management API, as core's one client shape over its
// profile (profile.ts) and generated paths. Every export is chosen and recorded in api/public-api.txt.
import { RequestPolicy, clientOf, type ClientOptions, type Files, type FilesClient, type UploadParams as Upload } from "@llm-files/core";
import { profile, type MinimaxTypes } from "./profile.js";
import { minimaxFiles } from "./files.js";
import type { paths } from "./generated/schema.js";

export type MinimaxFiles = Files<MinimaxTypes>;
export type MinimaxClient = FilesClient<MinimaxTypes, paths>;
export type UploadParams = Upload<MinimaxTypes>;

/** A client for MiniMax's File Management API; the key from `apiKey` or MINIMAX_API_KEY, read at request time. */
export function createMinimaxClient(options: ClientOptions = {}): MinimaxClient {
  const policy = new RequestPolicy(profile, options);
  return clientOf<MinimaxTypes, paths>(policy, minimaxFiles(policy));
}

export { profile, provider, LIST_PURPOSES, UPLOAD_PURPOSES, DELETE_PURPOSES, MAX_AUDIO_BYTES, BASE_RESP_CODES } from "./profile.js";
export type { MinimaxTypes, FileObject, RetrievedFile, FileId, ListPurpose, UploadPurpose, DeletePurpose } from "./profile.js";
export { specInfo } from "./generated/spec-info.js";
export type { paths, components, operations, Int64 } from "./generated/schema.js";
// The errors its calls throw, and the options they take (the same classes in every llm-files package).
export { FilesError, AuthenticationError, PermissionError, NotFoundError, RateLimitError, InvalidRequestError, InsufficientBalanceError, ServerError, ConnectionError, TimeoutError, UnsupportedError, FileProcessingError, OutcomeUnknownError, ValidationError } from "@llm-files/core";
export type { ClientOptions, CallOptions, FileInput, UploadProgress, UploadRecovery } from "@llm-files/core";
