// One error model for every provider. Errors are matched by a Symbol.for marker, so two
// copies of this package (or a bundled one) still recognise each other's errors;
// `instanceof` works too, through Symbol.hasInstance on each class.

const MARKER = Symbol.for("llm-files.error");

export interface FilesErrorOptions {
  provider: string;
  message: string;
  status?: number;
  code?: string;
  requestId?: string;
  retryable?: boolean;
  /** The request URL (never carries credentials). */
  url?: string;
  /** The response body as text, cut to a few KiB. */
  body?: string;
  /** Milliseconds the server asked us to wait (Retry-After). */
  retryAfterMs?: number;
  cause?: unknown;
}

export class FilesError extends Error {
  readonly [MARKER] = true;
  readonly provider: string;
  readonly status?: number;
  readonly code?: string;
  readonly requestId?: string;
  readonly retryable: boolean;
  readonly url?: string;
  readonly body?: string;
  readonly retryAfterMs?: number;

  constructor(opts: FilesErrorOptions) {
    super(opts.message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.provider = opts.provider;
    this.status = opts.status;
    this.code = opts.code;
    this.requestId = opts.requestId;
    this.retryable = opts.retryable ?? false;
    this.url = opts.url;
    this.body = opts.body;
    this.retryAfterMs = opts.retryAfterMs;
  }

  /** True for any llm-files error, whichever copy of the package created it. */
  static isInstance(value: unknown): value is FilesError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    if (!FilesError.isInstance(value)) return false;
    if (this === FilesError) return true;
    // A subclass matches its own name along the prototype chain, across package copies.
    let proto = Object.getPrototypeOf(value);
    while (proto && proto !== Object.prototype) {
      if (proto.constructor?.name === this.name) return true;
      proto = Object.getPrototypeOf(proto);
    }
    return false;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      provider: this.provider,
      status: this.status,
      code: this.code,
      requestId: this.requestId,
      retryable: this.retryable,
      url: this.url,
    };
  }
}

export class AuthenticationError extends FilesError {}
export class PermissionError extends FilesError {}
export class NotFoundError extends FilesError {}
export class RateLimitError extends FilesError {}
export class InvalidRequestError extends FilesError {}
export class InsufficientBalanceError extends FilesError {}
export class ServerError extends FilesError {}
export class ConnectionError extends FilesError {}
export class TimeoutError extends FilesError {}
export class UnsupportedError extends FilesError {}

/** A file the provider failed to process (its status says so); `detail` is the provider's own words. */
export class FileProcessingError extends FilesError {
  readonly fileId: string;
  /** The raw status the provider reported (e.g. "error"). */
  readonly fileStatus?: string;
  /** The provider's explanation (e.g. status_details), when it gave one. */
  readonly detail?: string;
  constructor(opts: Omit<FilesErrorOptions, "message"> & { message?: string; fileId: string; fileStatus?: string; detail?: string }) {
    const said = opts.detail ? `: ${opts.detail}` : "";
    super({ code: "file_processing_failed", ...opts, message: opts.message ?? `${opts.provider}: file ${opts.fileId} failed processing (status ${JSON.stringify(opts.fileStatus ?? "unknown")})${said}` });
    this.fileId = opts.fileId;
    this.fileStatus = opts.fileStatus;
    this.detail = opts.detail;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), fileId: this.fileId, fileStatus: this.fileStatus, detail: this.detail };
  }
}

/**
 * An upload whose outcome is unknown: its whole body was sent, then the connection dropped, no
 * answer came in time, a gateway answered 502/504, or the answer was cut off. The provider may
 * have stored the file: list the files (or upload with `reconcile: true`) before sending it again.
 * `cause` is what happened on the wire; `matches` lists the stored files that fit (same name and
 * size, created since `startedAt`) when a reconciliation found more than one.
 */
export class OutcomeUnknownError extends FilesError {
  readonly filename: string;
  /** The file's size, when known. */
  readonly bytes?: number;
  /** When the upload started (its first attempt): a stored copy was created after it. */
  readonly startedAt: Date;
  readonly matches?: readonly string[];
  constructor(opts: FilesErrorOptions & { filename: string; bytes?: number; startedAt: Date; matches?: readonly string[] }) {
    super({ code: "outcome_unknown", ...opts, retryable: false });
    this.filename = opts.filename;
    this.bytes = opts.bytes;
    this.startedAt = opts.startedAt;
    this.matches = opts.matches;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), filename: this.filename, bytes: this.bytes, startedAt: this.startedAt.toISOString(), matches: this.matches };
  }
}

/** Bad input caught before any request was made. `field` names what to fix. */
export class ValidationError extends FilesError {
  readonly field: string;
  constructor(provider: string, field: string, message: string) {
    super({ provider, message: `${field}: ${message}`, code: "validation_error" });
    this.field = field;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), field: this.field };
  }
}

export type FilesErrorClass = new (opts: FilesErrorOptions) => FilesError;

/** The error classes a profile may name for a provider's own codes. */
const CLASSES = { FilesError, AuthenticationError, PermissionError, NotFoundError, RateLimitError, InvalidRequestError, InsufficientBalanceError, ServerError, ConnectionError, TimeoutError } as const;

export type ErrorName = keyof typeof CLASSES;

/** The class a profile names (a string in data, so a profile imports no class). */
export function errorClass(name: ErrorName): FilesErrorClass {
  return CLASSES[name] ?? FilesError;
}

/** The error class for an HTTP status, with whether a retry may help. */
export function classForStatus(status: number): { Class: FilesErrorClass; retryable: boolean } {
  if (status === 401) return { Class: AuthenticationError, retryable: false };
  if (status === 402) return { Class: InsufficientBalanceError, retryable: false };
  if (status === 403) return { Class: PermissionError, retryable: false };
  if (status === 404) return { Class: NotFoundError, retryable: false };
  if (status === 408) return { Class: TimeoutError, retryable: true };
  if (status === 409) return { Class: InvalidRequestError, retryable: true };
  if (status === 429) return { Class: RateLimitError, retryable: true };
  if (status === 504) return { Class: TimeoutError, retryable: true };
  if (status >= 500) return { Class: ServerError, retryable: true };
  if (status >= 400) return { Class: InvalidRequestError, retryable: false };
  return { Class: ServerError, retryable: false };
}

/**
 * The error for a file whose content the provider does not give: its profile's `downloadable`
 * field says false. Raised before a request where the caller's file info says so, and after a
 * refused download where the file's metadata does (the refusal is its cause).
 */
export function notDownloadableError(profile: { name: string; label: string; file: { downloadable?: string } }, id: string, cause?: unknown): UnsupportedError {
  return new UnsupportedError({
    provider: profile.name,
    message: `${profile.name}: file ${id} cannot be downloaded: its ${profile.file.downloadable ?? "downloadable"} is false (${profile.label} gives the content of some files only, not of every upload)`,
    retryable: false,
    cause,
  });
}
