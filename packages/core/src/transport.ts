// The one place requests are sent. Every provider client hands this fetch to
// openapi-fetch, so every request gets the same behaviour: the key added at request time,
// retries with jittered backoff honouring Retry-After, a per-attempt timeout, abort that
// cancels at once (sleeps included), redirects followed without leaking the key to
// another origin, and every failure turned into a typed FilesError.
import {
  ConnectionError,
  FilesError,
  RateLimitError,
  ServerError,
  TimeoutError,
  classForStatus,
  type FilesErrorClass,
} from "./errors.js";
import { checkClientOptions, isLoopback, resolveApiKey, resolveBaseUrl, type ClientOptions, type ProviderDefaults } from "./config.js";
import { MAX_RETRY_AFTER_MS, backoffMs, errorCode, parseRetryAfter, provablyNotSent, sleep } from "./retry.js";
import { TooLarge, decodeText, exactText, parseAnswer, peekBody, readBody, readText, saysJson } from "./answer.js";
import { callerCall, callerErrorIn } from "./caller-error.js";
import { checkMaxRetries, checkSignal, checkTimeout } from "./validate.js";
import { ValidationError } from "./errors.js";
import { multipart, newBoundary, nodeSend, type PreparedFile, type UploadProgress } from "./upload.js";

// util.inspect.custom is this registered symbol; declared here so the published types need no node:util.
const inspectCustom: unique symbol = Symbol.for("nodejs.util.inspect.custom");

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

export type Send = (url: string, init: { method: string; headers: Headers; body?: BodyInit; signal: AbortSignal }) => Promise<Response>;

interface Attempt {
  url: string;
  method: string;
  headers: Headers;
  /** Creates the body for one attempt (bodies are not reusable); `touch` marks progress. */
  body?: (touch: () => void) => BodyInit | undefined;
  /** Lets go of the body made for an attempt (closes its file) if the attempt ended before sending all of it. */
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
  send?: Send;
  /** Timeout counts pauses rather than the whole attempt (uploads). */
  idleTimeout?: boolean;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
const MAX_ERROR_BODY_BYTES = 64 * 1024;
/** JSON bodies are read whole to check them; beyond this a response is refused. */
export const MAX_JSON_BODY_BYTES = 16 * 1024 * 1024;
const IDEMPOTENT = new Set(["GET", "HEAD", "DELETE", "OPTIONS"]);

export class Transport {
  readonly provider: string;
  readonly baseUrl: string;
  readonly maxRetries: number;
  readonly timeoutMs: number;
  readonly protocol: Protocol;
  readonly #options: ClientOptions;
  readonly #fetch: typeof globalThis.fetch | undefined;
  #defaultFetch: ((input: Request) => Promise<Response>) | undefined;

  constructor(protocol: Protocol, options: ClientOptions = {}) {
    const resolved = checkClientOptions(protocol, options);
    this.protocol = protocol;
    this.provider = protocol.provider;
    this.#options = { ...options };
    this.#fetch = options.fetch;
    this.baseUrl = resolveBaseUrl(protocol, options);
    this.maxRetries = resolved.maxRetries;
    this.timeoutMs = resolved.timeoutMs;
    this.#defaultFetch = this.fetchFor();
  }

  /** True when the user supplied their own fetch (then it is used for everything). */
  get customFetch(): boolean {
    return this.#fetch !== undefined;
  }

  /** Checks per-call options; throws ValidationError naming the field. */
  checkCall(call: CallOptions = {}): CallOptions {
    checkSignal(this.provider, call.signal);
    checkTimeout(this.provider, call.timeoutMs);
    checkMaxRetries(this.provider, call.maxRetries);
    return call;
  }

  /** A fetch for openapi-fetch that applies this transport's behaviour (and `call`'s overrides). */
  fetchFor(call: CallOptions = {}): (input: Request) => Promise<Response> {
    // The common case, no per-call options, shares one function instead of making one per call.
    let empty = true;
    for (const k in call) if ((call as Record<string, unknown>)[k] !== undefined) empty = false;
    if (empty && this.#defaultFetch) return this.#defaultFetch;
    this.checkCall(call);
    return async (request: Request | PlainRequest) => {
      let body: BodyInit | undefined;
      let once = false;
      if (request instanceof PlainRequest) {
        body = request.body ?? undefined;
        once = typeof ReadableStream !== "undefined" && body instanceof ReadableStream;
      } else if (request.body) {
        body = new Uint8Array(await request.arrayBuffer());
      }
      return this.request(
        {
          url: request.url,
          method: request.method,
          headers: request instanceof PlainRequest ? request.headers : new Headers(request.headers),
          body: body === undefined ? undefined : () => body,
          once,
          idempotent: call.idempotent ?? IDEMPOTENT.has(request.method),
        },
        { ...call, signal: call.signal ?? request.signal ?? undefined },
      );
    };
  }

  /** Options for openapi-fetch's createClient: this transport's fetch and base URL, and a light Request. */
  clientOptions(): { baseUrl: string; fetch: (input: Request) => Promise<Response>; Request: typeof Request } {
    return { baseUrl: this.baseUrl, fetch: this.fetchFor(), Request: PlainRequest as unknown as typeof Request };
  }

  /** The headers every request carries: the user's, then ours. The key is read now, not at creation. */
  authorize(headers: Headers): Headers {
    const key = resolveApiKey(this.protocol, this.#options);
    for (const [name, value] of Object.entries(this.#options.headers ?? {})) {
      if (!headers.has(name)) headers.set(name, value);
    }
    headers.set("authorization", `Bearer ${key}`);
    return headers;
  }

  /** Sends with retries; resolves with a 2xx Response or throws a FilesError (or the abort reason). */
  async request(attempt: Attempt, call: CallOptions = {}): Promise<Response> {
    const signal = call.signal;
    const maxRetries = call.maxRetries ?? this.maxRetries;
    const timeoutMs = call.timeoutMs ?? this.timeoutMs;
    const key = this.authorize(attempt.headers).get("authorization")!.slice("Bearer ".length);
    for (let retry = 0; ; retry++) {
      if (signal?.aborted) throw signal.reason;
      let outcome: Response | FilesError;
      try {
        outcome = await this.#attempt(attempt, signal, timeoutMs, call.stream === true, key);
      } catch (err) {
        const own = callerErrorIn(err);
        if (own) throw own.error; // the caller's callback or data failed: its own error, not retried
        if (!FilesError.isInstance(err)) throw err; // the caller's abort reason
        outcome = err;
      }
      if (!FilesError.isInstance(outcome)) return outcome;
      // A server may echo our Authorization header back: it never reaches an error.
      const err = redactSecret(outcome, key);
      const mayRepeat =
        attempt.idempotent ||
        (err instanceof ConnectionError && provablyNotSent(err.cause)) ||
        (attempt.retryUnprocessed === true && (err.status === 429 || err.status === 503 || err instanceof RateLimitError));
      if (!err.retryable || !mayRepeat || attempt.once || retry >= maxRetries) throw err;
      const wait = err.retryAfterMs ?? backoffMs(retry);
      if (wait > MAX_RETRY_AFTER_MS) throw err;
      await sleep(wait, signal);
    }
  }

  async #attempt(a: Attempt, signal: AbortSignal | undefined, timeoutMs: number, stream: boolean, key: string): Promise<Response | FilesError> {
    // One controller per attempt, aborted by the timeout or by the caller's signal.
    const timer = new AbortController();
    const combined = timer.signal;
    let timedOut = false;
    let streaming = false;
    const onCallerAbort = () => timer.abort(signal!.reason);
    signal?.addEventListener("abort", onCallerAbort, { once: true });
    let timeout: NodeJS.Timeout | undefined;
    // Re-arming refreshes the one timer (cheaper than clearing and creating another).
    const arm = () => {
      if (timeout) timeout.refresh();
      else
        timeout = setTimeout(() => {
          timedOut = true;
          timer.abort(new Error("timeout"));
        }, timeoutMs);
    };
    arm();
    const fail = (err: unknown, url: string): FilesError => {
      if (signal?.aborted) throw signal.reason;
      // The caller's own callback or data failed: its error, as is, and no retry.
      if (callerErrorIn(err)) throw err;
      if (timedOut) {
        return new TimeoutError({ provider: this.provider, message: `no answer from ${this.provider} within ${timeoutMs} ms`, retryable: true, url: safeUrl(url), cause: err });
      }
      if (FilesError.isInstance(err)) return err;
      const code = errorCode(err);
      return new ConnectionError({
        provider: this.provider,
        message: `could not reach ${this.provider} at ${new URL(url).origin}${code ? ` (${code})` : ""}: ${(err as Error)?.message ?? String(err)}`,
        retryable: true,
        url: safeUrl(url),
        cause: err,
      });
    };
    let url = a.url;
    let method = a.method;
    let headers = a.headers;
    let makeBody = a.body;
    try {
      for (let hop = 0; ; hop++) {
        let res: Response;
        try {
          const body = makeBody?.(a.idleTimeout ? arm : noop);
          res = a.send
            ? await a.send(url, { method, headers, body, signal: combined })
            : await (this.#fetch ?? globalThis.fetch)(url, { method, headers, body, signal: combined, redirect: "manual", ...(body ? { duplex: "half" } : {}) } as RequestInit);
        } catch (err) {
          return fail(err, url);
        }
        if (REDIRECTS.has(res.status) && res.headers.has("location")) {
          await res.body?.cancel().catch(() => {});
          if (hop >= MAX_REDIRECTS) return new ConnectionError({ provider: this.provider, message: `more than ${MAX_REDIRECTS} redirects`, url: safeUrl(url) });
          const next = new URL(res.headers.get("location")!, url);
          const from = new URL(url);
          if (next.protocol === "http:" && from.protocol === "https:" && !isLoopback(next.hostname)) {
            return new ConnectionError({ provider: this.provider, message: `refusing a redirect from https to plain http (${next.origin})`, url: safeUrl(url) });
          }
          if (next.protocol !== "http:" && next.protocol !== "https:") {
            return new ConnectionError({ provider: this.provider, message: `refusing a redirect to ${next.protocol}`, url: safeUrl(url) });
          }
          if (a.once && makeBody && (res.status === 307 || res.status === 308)) {
            // A 307/308 must repeat the body, and a caller's stream was already read.
            return new ConnectionError({ provider: this.provider, status: res.status, message: `${this.provider}: the upload was redirected (${res.status}) to ${next.origin}, and a stream can be sent only once: pass a path, Blob or bytes to follow redirects`, url: safeUrl(url) });
          }
          if (next.origin !== from.origin) {
            // The key is for the provider only: never forward it to another origin.
            headers = new Headers(headers);
            headers.delete("authorization");
            headers.delete("cookie");
          }
          if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) {
            method = "GET";
            makeBody = undefined;
            headers = new Headers(headers);
            headers.delete("content-type");
            headers.delete("content-length");
          }
          url = next.href;
          continue;
        }
        if (!res.ok) return await this.#errorFrom(res, url);
        const checked = await this.#checkSuccess(res, url, arm, stream, key);
        if (!FilesError.isInstance(checked) && (stream ? checked.body : checked === res && res.body && !res.bodyUsed)) {
          streaming = true;
          return this.#guardStream(checked, url, timeoutMs, (reason) => timer.abort(reason), signal, () => signal?.removeEventListener("abort", onCallerAbort));
        }
        return checked;
      }
    } catch (err) {
      return fail(err, url);
    } finally {
      clearTimeout(timeout);
      // An early answer (413 before the body was sent), an abort or a failure: the file is closed now.
      a.release?.();
      // A streamed body (content) stays wired to the caller's signal, so aborting still cancels it.
      if (!streaming) signal?.removeEventListener("abort", onCallerAbort);
    }
  }

  async #errorFrom(res: Response, url: string): Promise<FilesError> {
    const text = await readText(res, MAX_ERROR_BODY_BYTES);
    let json: unknown;
    try {
      json = text ? parseAnswer(text, this.protocol.exactIntegers) : undefined;
    } catch {
      json = undefined;
    }
    const details = this.protocol.readError(text, json);
    const requestId = details.requestId ?? res.headers.get("x-request-id") ?? res.headers.get("request-id") ?? undefined;
    const { Class, retryable } = this.protocol.classify?.(res.status, details) ?? classForStatus(res.status);
    const fallback = json === undefined && text ? `${res.status} ${res.statusText || "error"} (non-JSON body: ${oneLine(text, 120)})` : `${res.status} ${res.statusText || "error"}`;
    return new Class({
      provider: this.provider,
      status: res.status,
      code: details.code ?? details.type,
      message: `${this.provider}: ${details.message ?? fallback}`,
      requestId,
      retryable,
      url: safeUrl(url),
      body: text.slice(0, 4096),
      retryAfterMs: parseRetryAfter(res.headers),
    });
  }

  /**
   * The answer of a JSON operation is read as JSON (int64-safe, base_resp checked) whatever its
   * Content-Type (gateways send text/plain or none); a download (`stream`) is bytes, never parsed
   * or capped, except that a small body may be checked for an error in disguise (base_resp).
   */
  async #checkSuccess(res: Response, url: string, arm: () => void, stream: boolean, key: string): Promise<Response | FilesError> {
    if (res.status === 204 || res.status === 205) return res;
    const type = res.headers.get("content-type");
    if (stream) {
      if (!this.protocol.successError || !res.body) return res;
      arm();
      const peeked = await peekBody(res, MAX_ERROR_BODY_BYTES, arm);
      if ("rest" in peeked) return new Response(peeked.rest, { status: res.status, statusText: res.statusText, headers: res.headers });
      const text = decodeText(peeked.whole, type).trim();
      if (text.startsWith("{") && text.includes("base_resp")) {
        let json: unknown;
        try {
          json = parseAnswer(text, this.protocol.exactIntegers);
        } catch {
          json = undefined;
        }
        const inner = json === undefined ? undefined : this.#innerError(json, res, url, text);
        if (inner) return inner;
      }
      return new Response(peeked.whole.byteLength ? (peeked.whole as Uint8Array<ArrayBuffer>) : null, { status: res.status, statusText: res.statusText, headers: res.headers });
    }
    arm();
    let text: string;
    try {
      text = decodeText(await readBody(res, MAX_JSON_BODY_BYTES, true), type);
    } catch (err) {
      if (err instanceof TooLarge) {
        return new ServerError({ provider: this.provider, status: res.status, message: `${this.provider}: response body larger than ${MAX_JSON_BODY_BYTES} bytes; refusing to parse it`, url: safeUrl(url) });
      }
      throw err;
    }
    // A server that echoes the key into a success body must not hand it on: into FileInfo.raw,
    // or into the shape errors that quote a bad field or an unexpected key.
    if (key.length >= 8 && text.includes(key)) text = text.split(key).join("[redacted]");
    let json: unknown;
    try {
      text = exactText(text, this.protocol.exactIntegers);
      json = JSON.parse(text);
    } catch {
      const declared = saysJson(type);
      return new ServerError({
        provider: this.provider,
        status: res.status,
        message: `${this.provider}: the ${res.status} response is not valid JSON${text ? ` (${text.length} characters${declared ? "" : `, Content-Type ${JSON.stringify(type ?? "none")}`}, starting ${JSON.stringify(text.slice(0, 60))})` : " (empty body)"}; a proxy or gateway may have answered instead`,
        // A body declared JSON but broken may be a hiccup; a page of another kind will not change.
        retryable: declared,
        url: safeUrl(url),
        body: text.slice(0, 4096),
      });
    }
    const inner = this.#innerError(json, res, url, text);
    if (inner) return inner;
    // The body was read here: the same Response answers json()/text() from what was read,
    // so openapi-fetch does not parse twice (a new Response would cost more than the parse).
    // (Plain own properties: defineProperties would turn every Response into a slow dictionary object.)
    const answered = res as { json: () => Promise<unknown>; text: () => Promise<string> };
    answered.json = () => Promise.resolve(json);
    answered.text = () => Promise.resolve(text);
    return res;
  }

  /** An error carried inside a 2xx body (MiniMax's base_resp), as a typed error. */
  #innerError(json: unknown, res: Response, url: string, text: string): FilesError | undefined {
    const inner = this.protocol.successError?.(json);
    if (!inner) return undefined;
    return new inner.Class({
      provider: this.provider,
      status: res.status,
      code: inner.code,
      message: `${this.provider}: ${inner.message ?? "error"}${inner.code ? ` (code ${inner.code})` : ""}`,
      requestId: inner.requestId ?? res.headers.get("trace-id") ?? undefined,
      retryable: inner.retryable,
      url: safeUrl(url),
      body: text.slice(0, 4096),
      retryAfterMs: parseRetryAfter(res.headers),
    });
  }

  /**
   * A streamed body (content downloads) whose pauses are timed like a request (each wait for
   * the next chunk may last `timeoutMs`) and whose failures are typed: a cut connection is a
   * ConnectionError and a stall a TimeoutError, never undici's bare TypeError or a hang.
   */
  #guardStream(res: Response, url: string, timeoutMs: number, abort: (reason: unknown) => void, signal: AbortSignal | undefined, release: () => void): Response {
    const provider = this.provider;
    const reader = res.body!.getReader();
    let idle: NodeJS.Timeout | undefined;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        let timedOut = false;
        idle = setTimeout(() => {
          timedOut = true;
          abort(new Error("timeout"));
          reader.cancel().catch(noop);
        }, timeoutMs);
        try {
          const { done, value } = await reader.read();
          clearTimeout(idle);
          if (timedOut) throw new Error("timeout");
          if (!done) return controller.enqueue(value);
          release();
          controller.close();
        } catch (err) {
          clearTimeout(idle);
          release();
          if (signal?.aborted) return controller.error(signal.reason);
          const common = { provider, retryable: true, url: safeUrl(url), cause: err };
          const code = errorCode(err);
          controller.error(
            timedOut
              ? new TimeoutError({ ...common, message: `${provider}: the response body paused for more than ${timeoutMs} ms` })
              : new ConnectionError({ ...common, message: `${provider}: the connection failed while the response body was read${code ? ` (${code})` : ""}: ${(err as Error)?.message ?? String(err)}` }),
          );
        }
      },
      cancel(reason) {
        clearTimeout(idle);
        release();
        return reader.cancel(reason);
      },
    });
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  }

  /**
   * Streams a multipart upload to `path`. Retried only when the request provably did not
   * reach the server or was refused unprocessed (429, 503), and only for a file that can
   * be read again: a 500 or a cut connection may have stored the file, so it is not sent twice.
   */
  async upload(path: string, fields: Record<string, string>, fileField: string, file: PreparedFile, call: CallOptions & { onProgress?: (p: UploadProgress) => void } = {}): Promise<Response> {
    this.checkCall(call);
    if (call.onProgress !== undefined && typeof call.onProgress !== "function") {
      throw new ValidationError(this.provider, "onProgress", `expected a function, got ${typeof call.onProgress}`);
    }
    const useNode = !this.#fetch;
    const headers = new Headers({ accept: "application/json" });
    // One boundary for every attempt and redirect hop: the Content-Type header copied onto a
    // redirected request must describe the body sent there.
    const boundary = newBoundary();
    let sending: AsyncGenerator<Uint8Array> | undefined;
    return this.request(
      {
        url: this.baseUrl + path,
        method: "POST",
        headers,
        idempotent: false,
        retryUnprocessed: true,
        once: !file.replayable,
        idleTimeout: true,
        send: useNode ? nodeSend : undefined,
        body: (touch) => {
          const body = multipart(fields, fileField, file, boundary);
          headers.set("content-type", body.contentType);
          if (useNode && body.length !== undefined) headers.set("content-length", String(body.length));
          let loaded = 0;
          const chunks = body.chunks((n) => {
            loaded += n;
            touch();
            callerCall(call.onProgress, { loaded, total: file.size });
          }, useNode);
          sending = chunks;
          return (useNode ? chunks : toWebStream(chunks)) as BodyInit;
        },
        release: () => void sending?.return(undefined).catch(noop),
      },
      call,
    );
  }

  [inspectCustom](): string {
    return `Transport { provider: '${this.provider}', baseUrl: '${this.baseUrl}', apiKey: '[redacted]', maxRetries: ${this.maxRetries}, timeoutMs: ${this.timeoutMs} }`;
  }

  toJSON(): Record<string, unknown> {
    return { provider: this.provider, baseUrl: this.baseUrl, apiKey: "[redacted]", maxRetries: this.maxRetries, timeoutMs: this.timeoutMs };
  }
}

/** Replaces every occurrence of `secret` in an error's message, stack and body. */
export function redactSecret<E extends FilesError>(err: E, secret: string): E {
  if (secret.length < 4) return err;
  const scrub = (text: string | undefined) => (text === undefined ? text : text.split(secret).join("[redacted]"));
  for (const field of ["message", "stack", "body"] as const) {
    const value = (err as Record<string, unknown>)[field];
    if (typeof value === "string" && value.includes(secret)) Object.defineProperty(err, field, { value: scrub(value), writable: true, configurable: true, enumerable: field === "body" });
  }
  return err;
}

/**
 * What openapi-fetch builds a request into before handing it to our fetch. A real
 * Request costs a full WHATWG construction (and undici builds another from it); the
 * transport only needs the parts, so this keeps them as given.
 */
export class PlainRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | null;
  readonly signal: AbortSignal | null;
  constructor(input: string | URL, init: RequestInit = {}) {
    this.url = String(input);
    this.method = (init.method ?? "GET").toUpperCase();
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body ?? null;
    this.signal = init.signal ?? null;
  }
}

const noop = () => {};

/** A URL fit for an error message: no credentials, no query (ids may be there, keys never are, but be safe). */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    return u.href;
  } catch {
    return "[invalid url]";
  }
}

function toWebStream(iterable: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const it = iterable[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await it.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel(reason) {
      await it.return?.(reason);
    },
  });
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
  return flat.length > max ? flat.slice(0, max) + "…" : flat;
}
