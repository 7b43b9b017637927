// @llm-files/core: the provider-neutral runtime. Every export is named and recorded in
// api/public-api.txt; nothing here names a provider.

// Errors
export { FilesError, AuthenticationError, PermissionError, NotFoundError, RateLimitError, InvalidRequestError, InsufficientBalanceError, ServerError, ConnectionError, TimeoutError, UnsupportedError, FileProcessingError, OutcomeUnknownError, ValidationError, classForStatus, errorClass, notDownloadableError } from "./errors.js";
export type { FilesErrorOptions, FilesErrorClass, ErrorName } from "./errors.js";

// Options and per-call settings
export { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, RESOURCE_PLACEHOLDER, checkClientOptions, resolveApiKey, resolveBaseUrl } from "./options.js";
export type { ClientOptions, ProviderSettings, Env } from "./options.js";
export type { CallOptions, Exchange, ExchangeFile, Expect, Reply } from "./exchange.js";
export type { HeadersLike } from "./request-headers.js";

// A provider: its profile, and the one client shape over it
export type { Auth, ByIdRoute, DeleteRoute, ErrorFormat, ErrorRule, Expiry, FileFields, FileState, IdPlace, InBodyErrors, Limits, ListRoute, OperationName, Paging, Profile, ProviderTypes, QueryParam, RetrieveRoute, Route, StatusTable, UploadBody, UploadRoute } from "./profile.js";
export { filesOperations, uploadPrepared, uploadPurpose } from "./client.js";
export type { Files, FilesOperations, ListOptions, UploadBase, UploadFile, UploadParams } from "./client.js";
export { clientOf, createFilesClient } from "./raw-client.js";
export type { FilesClient } from "./raw-client.js";
export type { ProviderModule } from "./provider-module.js";
export { RequestPolicy } from "./policy.js";
export type { UploadCall } from "./policy.js";
export type { ListFiles, UploadRecovery } from "./reconcile.js";
// For a provider's own upload code (not through uploadPrepared): settling an unknown outcome by listing.
export { checkRecovery, reconciled } from "./reconcile.js";
export { unknownOutcome } from "./upload-outcome.js";
export { sizeQuery, pagingQuery } from "./paging.js";
export { collect, pages } from "./pages.js";
export type { Page, PagesOptions } from "./pages.js";

// Files
export { formatBytes, prepareFile } from "./files.js";
export type { FileInput, NodeReadableLike, PrepareOptions, PreparedFile, UploadProgress } from "./files.js";

// Checks, answers and the key
export { MAX_TIMER_MS, checkFileId, checkIntegerId, checkMaxRetries, checkPurpose, checkSignal, checkTimeout, describe } from "./validate.js";
export { expectArray, expectObject, isRecord, responseShapeError } from "./shape.js";
export { MAX_JSON_BODY_BYTES, safeUrl } from "./answers.js";
export { isIntegerLike, parseJsonExact, quoteUnsafeIntegers, stringifyWithIntegers } from "./json.js";
export { REDACTED, MIN_SECRET_LENGTH, redact, redactError } from "./redact.js";
export { backoffMs, parseRetryAfter, sleep } from "./retry.js";
// For a provider's own upload code that reads the file itself (not through RequestPolicy.upload): the caller's error inside a failed read.
export { callerErrorIn } from "./caller-error.js";
export { readEnv } from "./env.js";
export type { TypesOf, AnswerOf } from "./profile-types.js";
