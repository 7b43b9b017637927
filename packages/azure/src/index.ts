// @llm-files/azure: Azure OpenAI's Files API (v1), as core's one client shape over its profile
// (profile.ts) and generated paths. Every export is chosen and recorded in api/public-api.txt.
import { RequestPolicy, clientOf, type ClientOptions, type Files, type FilesClient, type UploadParams as Upload } from "@llm-files/core";
import { profile, type AzureTypes } from "./profile.js";
import { azureFiles } from "./files.js";
import type { paths } from "./generated/schema.js";

export type AzureFiles = Files<AzureTypes>;
export type AzureClient = FilesClient<AzureTypes, paths>;
export type UploadParams = Upload<AzureTypes>;

/**
 * A client for Azure OpenAI's Files API. The endpoint: `baseUrl` (https://<resource>.openai.azure.com,
 * with or without /openai/v1), `resource`, or AZURE_OPENAI_ENDPOINT. The credential: `apiKey` or
 * AZURE_OPENAI_API_KEY (read at request time), or `tokenProvider` for Microsoft Entra ID.
 */
export function createAzureClient(options: ClientOptions = {}): AzureClient {
  const policy = new RequestPolicy(profile, options);
  return clientOf<AzureTypes, paths>(policy, azureFiles(policy));
}

export { profile, provider, expiresAfterFields, UPLOAD_PURPOSES, PURPOSES, MAX_FILE_BYTES, EXPIRES_AFTER_SECONDS } from "./profile.js";
export type { AzureTypes, FileObject, DeleteFileResponse, ListFilesResponse, Purpose, UploadPurpose, ExpiresAfter } from "./profile.js";
export { specInfo } from "./generated/spec-info.js";
export type { paths, components, operations } from "./generated/schema.js";
// The errors its calls throw, and the options they take (the same classes in every llm-files package).
export { FilesError, AuthenticationError, PermissionError, NotFoundError, RateLimitError, InvalidRequestError, InsufficientBalanceError, ServerError, ConnectionError, TimeoutError, UnsupportedError, FileProcessingError, OutcomeUnknownError, ValidationError } from "@llm-files/core";
export type { ClientOptions, CallOptions, FileInput, UploadProgress, UploadRecovery } from "@llm-files/core";
