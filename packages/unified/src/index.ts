// @llm-files/unified: one API over every provider in the registry. Every export is named and
// recorded in api/public-api.txt.
export { createFiles } from "./create-files.js";
export { filesFromProvider } from "./facade.js";
export { PROVIDERS } from "@llm-files/registry";
export type { Files, FileInfo, FileState, WaitOptions, ProviderName, ProviderTypes, FacadeTypes, CreateFilesOptions, UploadParams, UploadFileParams, ProviderUploadOptions, ListOptions, DeleteOptions, Operation, AllOperations, UploadRecovery } from "./types.js";
export { FilesError, AuthenticationError, PermissionError, NotFoundError, RateLimitError, InvalidRequestError, InsufficientBalanceError, ServerError, ConnectionError, TimeoutError, UnsupportedError, FileProcessingError, OutcomeUnknownError, ValidationError, formatBytes } from "@llm-files/core/profile";
export type { ClientOptions, CallOptions, FileInput, UploadProgress, ProviderModule } from "@llm-files/core/profile";
