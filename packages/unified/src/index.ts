export { createFiles, filesFromAdapter, PROVIDERS } from "./files.js";
export type { Files, FileInfo, FileState, WaitOptions, ProviderName, ProviderTypes, CreateFilesOptions, UploadParams, ProviderUploadOptions, ListOptions, DeleteOptions, Operation, AllOperations } from "./types.js";
export type { Adapter, AdapterOperations } from "./adapter.js";
export {
  FilesError,
  AuthenticationError,
  PermissionError,
  NotFoundError,
  RateLimitError,
  InvalidRequestError,
  InsufficientBalanceError,
  ServerError,
  ConnectionError,
  TimeoutError,
  UnsupportedError,
  FileProcessingError,
  ValidationError,
} from "@llm-files/core";
export { formatBytes } from "@llm-files/core";
export type { ClientOptions, CallOptions, FileInput, UploadProgress } from "@llm-files/core";
