// @llm-files/core/profile: the part of core that sends nothing, for code that must load
// before any client does: a provider package's `./profile` module (the registry loads every
// one of them), and the facade, which checks options against a profile at once and loads the
// client on the first call. Only what that needs at import: the error classes, the checks of
// options, ids and purposes, the profile types. No client, request policy, transport,
// openapi-fetch, paging or answer reading is loaded through this entry (seven small modules,
// built into one file by scripts/release/bundle-esm.mjs: a cold import pays per file); what
// runs with a client comes from the main entry, loaded
// with it. The classes are the same as the main entry's (the same modules). Every export is
// named; each is also exported by the main entry (index.ts).

export { FilesError, AuthenticationError, PermissionError, NotFoundError, RateLimitError, InvalidRequestError, InsufficientBalanceError, ServerError, ConnectionError, TimeoutError, UnsupportedError, FileProcessingError, OutcomeUnknownError, ValidationError, classForStatus, errorClass, notDownloadableError } from "./errors.js";
export type { FilesErrorOptions, FilesErrorClass, ErrorName } from "./errors.js";

export { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, RESOURCE_PLACEHOLDER, checkClientOptions, resolveApiKey, resolveBaseUrl } from "./options.js";
export type { ClientOptions, ProviderSettings, Env } from "./options.js";
export type { CallOptions } from "./exchange.js";

export type { Auth, ByIdRoute, DeleteRoute, ErrorFormat, ErrorRule, Expiry, FileFields, FileState, IdPlace, InBodyErrors, Limits, ListRoute, OperationName, Paging, Profile, ProviderTypes, QueryParam, RetrieveRoute, Route, StatusTable, UploadBody, UploadRoute } from "./profile.js";
export type { ProviderModule } from "./provider-module.js";
export type { TypesOf, AnswerOf } from "./profile-types.js";
export { formatBytes } from "./format-bytes.js";
export type { FileInput, UploadProgress } from "./files.js";
export type { UploadRecovery } from "./reconcile.js";

export { MAX_TIMER_MS, checkFileId, checkIntegerId, checkMaxRetries, checkPurpose, checkSignal, checkTimeout, describe } from "./validate.js";
export { readEnv } from "./env.js";
