// What a caller may set per call (CallOptions), and one request as the policy sends it
// (Exchange), with what comes back (Reply).
import type { TransportBody } from "./transport.js";
import type { HeadersLike } from "./request-headers.js";
import type { FilesError } from "./errors.js";

/** Per-call settings; every field overrides the client's. */
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
  /** Safe to repeat (GET/HEAD/DELETE are by default). */
  idempotent?: boolean;
}

/** How the answer's body is wanted: parsed JSON (checked), a stream of bytes, or not at all. */
export type Expect = "json" | "stream";

export interface Exchange {
  url: string;
  method: string;
  /** A WHATWG Headers, or anything with its get/has/set/delete/forEach and iteration (the library's own requests use a plain map, request-headers.ts). */
  headers: HeadersLike;
  /** Creates the body for one attempt (bodies are not reusable); `touch` marks progress. */
  body?: (touch: () => void) => TransportBody | undefined;
  /** Lets go of the body made for an attempt (closes its file) when the attempt ends before sending all of it. */
  release?: () => void;
  /** The body can be made only once (a caller's stream): never retry. */
  once?: boolean;
  /** May this request be sent again after it possibly reached the server? */
  idempotent: boolean;
  /**
   * For uploads: retry answers that say the request was not processed (429 Too Many
   * Requests, 503 Service Unavailable, or a provider's own rate-limit code in a 2xx body)
   * even though the request is not idempotent.
   */
  retryUnprocessed?: boolean;
  /** Timeout counts pauses rather than the whole attempt (uploads). */
  idleTimeout?: boolean;
  expect: Expect;
  /** For uploads: the file, for the errors that name it, and how far each attempt's body got. */
  upload?: ExchangeFile;
  /** Told before each retry: the error that caused it, and the attempt about to be made (2 for the first retry). */
  onRetry?: (error: FilesError, attempt: number) => void;
}

/** An upload's file, and how far the body of the attempt under way got. */
export interface ExchangeFile {
  filename: string;
  /** The file's size, when known. */
  bytes?: number;
  /** True once the body's last chunk was handed to the network: only then can a server hold all of it. */
  sentWhole(): boolean;
  /** File bytes handed to the network so far. */
  sentBytes(): number;
}

/** A 2xx answer: its JSON (expect "json"; undefined for 204) or its body as a guarded stream (expect "stream"). */
export interface Reply {
  status: number;
  statusText: string;
  headers: Headers;
  json?: unknown;
  /** The JSON's text (exact integers quoted, the key redacted), for callers that re-serve it. */
  text?: string;
  stream?: ReadableStream<Uint8Array> | null;
}

/**
 * A Reply whose Headers (which the Node transport builds only when asked for) are read from the
 * answer on first use. A class, not a literal with `get headers()`: a getter made per reply gave
 * every reply a hidden class of its own, which V8 keeps until a full GC (transport-node.ts says
 * what that cost).
 */
export class LazyReply implements Reply {
  readonly status: number;
  readonly statusText: string;
  json?: unknown;
  text?: string;
  stream?: ReadableStream<Uint8Array> | null;
  readonly #answer: { readonly headers: Headers };

  constructor(answer: { readonly status: number; readonly statusText: string; readonly headers: Headers }) {
    this.status = answer.status;
    this.statusText = answer.statusText;
    this.#answer = answer;
  }

  get headers(): Headers {
    return this.#answer.headers;
  }
}
