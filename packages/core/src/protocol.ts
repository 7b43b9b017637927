// What a provider package tells the transport (Protocol), what a caller may set per call
// (CallOptions), and one request as the policy sends it (Attempt).
import type { FilesErrorClass } from "./errors.js";
import type { ProviderDefaults } from "./config.js";
import type { WireBody } from "./wire.js";

export interface ErrorDetails {
  message?: string;
  code?: string;
  type?: string;
  requestId?: string;
}

export interface Classified {
  Class: FilesErrorClass;
  retryable: boolean;
}

/** What a provider package tells the transport about its wire format. */
export interface Protocol extends ProviderDefaults {
  /** Read a non-2xx body into details; `json` is undefined when the body is not JSON. */
  readError(text: string, json: unknown): ErrorDetails;
  /** A class for an error when the HTTP status alone is not enough (e.g. a quota type). */
  classify?(status: number, details: ErrorDetails): Classified | undefined;
  /** An error carried inside a 2xx JSON body (MiniMax's base_resp). */
  successError?(json: unknown): (ErrorDetails & Classified) | undefined;
  /** Keep integers beyond 2^53 exact in JSON responses (as decimal strings). */
  exactIntegers?: boolean;
}

/** Per-call settings; every field overrides the client's. */
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
  /** Safe to repeat (GET/HEAD/DELETE are by default). */
  idempotent?: boolean;
  /**
   * The caller reads the body as a stream (content downloads): a JSON body that had to be
   * checked is handed back as a fresh Response rather than a read one.
   */
  stream?: boolean;
}

export interface Attempt {
  url: string;
  method: string;
  headers: Headers;
  /** Creates the body for one attempt (bodies are not reusable); `touch` marks progress. */
  body?: (touch: () => void) => WireBody | undefined;
  /** Lets go of the body made for an attempt (closes its file) when the attempt ends before sending all of it. */
  release?: () => void;
  /** The body can be made only once (a caller's stream): never retry. */
  once?: boolean;
  /** May this request be sent again after it possibly reached the server? */
  idempotent: boolean;
  /**
   * For uploads: retry answers that say the request was not processed (429 Too Many
   * Requests, 503 Service Unavailable, or a provider's own rate-limit code such as MiniMax's
   * base_resp 1002/1039) even though the request is not idempotent.
   */
  retryUnprocessed?: boolean;
  /** Timeout counts pauses rather than the whole attempt (uploads). */
  idleTimeout?: boolean;
}
