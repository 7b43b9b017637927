// @llm-files/core/profile: the part of core that sends nothing, for code that must load
// before any client does: a provider package's `./profile` module (the registry loads every
// one of them), and the facade, which checks options against a profile at once and loads the
// client on the first call. No client, request policy, transport or openapi-fetch is loaded
// through this entry. The classes are the same as the main entry's (the same modules).
// Every export is named; each is also exported by the main entry (index.ts).

export { FilesError, AuthenticationError, PermissionError, NotFoundError, RateLimitError, InvalidRequestError, InsufficientBalanceError, ServerError, ConnectionError, TimeoutError, UnsupportedError, FileProcessingError, ValidationError, classForStatus, errorClass } from "./errors.js";
export type { FilesErrorOptions, FilesErrorClass, ErrorName } from "./errors.js";

export { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, checkClientOptions, resolveApiKey, resolveBaseUrl } from "./options.js";
export type { ClientOptions, ProviderSettings, Env } from "./options.js";
export type { CallOptions } from "./exchange.js";

export type { Auth, ByIdRoute, DeleteRoute, ErrorFormat, ErrorRule, Expiry, FileFields, FileState, IdPlace, InBodyErrors, Limits, ListRoute, OperationName, Paging, Profile, ProviderTypes, QueryParam, RetrieveRoute, Route, StatusTable, UploadBody, UploadRoute } from "./profile.js";
export type { ProviderModule } from "./provider-module.js";
export type { TypesOf, AnswerOf } from "./profile-types.js";
export { sizeQuery, pagingQuery } from "./paging.js";
export { collect, pages } from "./pages.js";
export type { Page, PagesOptions } from "./pages.js";

export { formatBytes } from "./files.js";
export type { FileInput, UploadProgress } from "./files.js";

export { MAX_TIMER_MS, checkFileId, checkIntegerId, checkMaxRetries, checkPurpose, checkSignal, checkTimeout, describe } from "./validate.js";
export { expectArray, expectObject, isRecord, responseShapeError } from "./shape.js";
export { REDACTED, MIN_SECRET_LENGTH, redact, redactError } from "./redact.js";
export { sleep } from "./retry.js";
export { readEnv } from "./env.js";
