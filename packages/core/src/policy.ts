// The request policy: every request of every provider client goes through send(), so every
// request gets the same behaviour: the key added at request time, retries with jittered
// backoff honouring Retry-After, a per-attempt timeout, abort that cancels at once (sleeps
// included), redirects followed without leaking the key to another origin, and every failure
// turned into a typed FilesError. How bytes travel is the transport's business
// (transport.ts): node:http keep-alive on Node, fetch elsewhere or when the caller passes one.
import { defaultTransport } from "#transport";
import { ConnectionError, FilesError, RateLimitError, TimeoutError, ValidationError } from "./errors.js";
import { checkClientOptions, isLoopback, resolveApiKey, resolveBaseUrl, type ClientOptions } from "./options.js";
import { INSPECT } from "./env.js";
import { MAX_RETRY_AFTER_MS, backoffMs, errorCode, provablyNotSent, sleep } from "./retry.js";
import { checkMaxRetries, checkSignal, checkTimeout } from "./validate.js";
import { checkApiKey } from "./request-values.js";
import { checkedSuccess, errorFrom, guardedStream, safeUrl } from "./answers.js";
import { multipart, newBoundary, type MultipartBody } from "./multipart.js";
import { callerCall, callerErrorIn } from "./caller-error.js";
import { redactError } from "./redact.js";
import { RequestHeaders, headersInit, type HeadersLike } from "./request-headers.js";
import { notStored, outcomeOf, tagStage } from "./upload-outcome.js";
import type { PreparedFile, UploadProgress } from "./prepared-file.js";
import type { UploadRecovery } from "./reconcile.js";
import type { Transport, TransportResponse, TransportCall } from "./transport.js";
import { LazyReply, type CallOptions, type Exchange, type ExchangeFile, type Reply } from "./exchange.js";
import type { Profile } from "./profile.js";

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

export interface UploadCall extends CallOptions {
  onProgress?: (progress: UploadProgress) => void;
  /** Told each retry of the upload (it was not stored: cut while being sent, answered before its body, refused unprocessed). */
  onRecovery?: (step: UploadRecovery) => void;
}

export class RequestPolicy {
  readonly provider: string;
  readonly baseUrl: string;
  readonly maxRetries: number;
  readonly timeoutMs: number;
  readonly profile: Profile;
  readonly #options: ClientOptions;
  readonly #transport: Transport;
  readonly #authHeader: string;
  readonly #authPrefix: string;
  /** The provider's origin and a slash: a URL that starts with it is the provider's own. */
  readonly #own: string;
  /** The query parameters every request carries (the profile's, the caller's over them); undefined where there are none. */
  readonly #fixedQuery: Readonly<Record<string, string>> | undefined;

  constructor(profile: Profile, options: ClientOptions = {}) {
    const resolved = checkClientOptions(profile, options);
    this.profile = profile;
    this.provider = profile.name;
    this.#options = { ...options };
    this.baseUrl = resolveBaseUrl(profile, options);
    this.maxRetries = resolved.maxRetries;
    this.timeoutMs = resolved.timeoutMs;
    this.#authHeader = (profile.auth?.header ?? "authorization").toLowerCase();
    this.#authPrefix = profile.auth ? profile.auth.prefix ?? "" : "Bearer ";
    this.#own = `${new URL(this.baseUrl).origin}/`;
    const fixed = { ...profile.query, ...options.query };
    this.#fixedQuery = Object.keys(fixed).length > 0 ? fixed : undefined;
    // A caller's fetch always wins; otherwise this build's transport (node:http on Node).
    this.#transport = defaultTransport({ provider: this.provider, fetch: options.fetch, proxy: options.proxy });
  }

  /** True when the user supplied their own fetch (then it is used for everything). */
  get customFetch(): boolean {
    return this.#options.fetch !== undefined;
  }

  /** Checks per-call options; throws ValidationError naming the field. */
  checkCall(call: CallOptions = {}): CallOptions {
    checkSignal(this.provider, call.signal);
    checkTimeout(this.provider, call.timeoutMs);
    checkMaxRetries(this.provider, call.maxRetries);
    return call;
  }

  /**
   * The headers every request to the provider carries: the user's, the profile's (a user's
   * header of the same name wins), then the key, or the token from the caller's tokenProvider.
   * The key is read now, not at creation; a token is asked for now, so it is always current.
   * Resolves to the secret sent and the header it went in (redaction, redirects).
   */
  authorize(headers: HeadersLike): { secret: string; header: string } | Promise<{ secret: string; header: string }> {
    for (const [name, value] of Object.entries(this.#options.headers ?? {})) {
      if (!headers.has(name)) headers.set(name, value);
    }
    for (const [name, value] of Object.entries(this.profile.headers ?? {})) {
      if (!headers.has(name)) headers.set(name, value);
    }
    const tokens = this.#options.tokenProvider;
    const token = this.profile.auth?.token;
    if (tokens && token) {
      // Asynchronous only with a token provider: a key is set at once (a request handed to
      // fetch in the same tick as the call, as some runtimes need).
      return (async () => {
        const value: unknown = await tokens();
        if (typeof value !== "string" || value === "") throw new ValidationError(this.provider, "tokenProvider", `expected the function to return a token string, got ${typeof value === "string" ? "an empty string" : typeof value}`);
        const secret = checkApiKey(this.provider, value, "tokenProvider");
        const header = token.header.toLowerCase();
        headers.set(header, (token.prefix ?? "") + secret);
        return { secret, header };
      })();
    }
    const key = resolveApiKey(this.profile, this.#options);
    headers.set(this.#authHeader, this.#authPrefix + key);
    return { secret: key, header: this.#authHeader };
  }

  /** The URL with the query parameters every request carries (the profile's, the caller's over them), where it does not name them already. */
  #withQuery(url: string, fixed: Readonly<Record<string, string>>): string {
    const u = new URL(url);
    for (const name of Object.keys(fixed)) if (!u.searchParams.has(name)) u.searchParams.append(name, fixed[name]!);
    return u.href;
  }

  /**
   * Sends with retries; resolves with a 2xx Reply or throws a FilesError (or the abort reason).
   * An upload (`exchange.upload`) that failed before its whole body went out is sent again (the
   * provider cannot have stored it); one that failed after is an OutcomeUnknownError (upload-outcome.ts).
   */
  async send(exchange: Exchange, call: CallOptions = {}): Promise<Reply> {
    const signal = call.signal;
    const maxRetries = call.maxRetries ?? this.maxRetries;
    const timeoutMs = call.timeoutMs ?? this.timeoutMs;
    // The key, the headers and the fixed query go to the provider's own origin only: a URL a
    // server handed back (an upload session elsewhere) gets none of them.
    const own = exchange.url.startsWith(this.#own) || `${new URL(exchange.url).origin}/` === this.#own;
    if (own && this.#fixedQuery) exchange = { ...exchange, url: this.#withQuery(exchange.url, this.#fixedQuery) };
    const file = exchange.upload;
    const startedAt = file ? new Date() : undefined;
    for (let retry = 0; ; retry++) {
      if (signal?.aborted) throw signal.reason;
      // Asked for before every attempt: a token provider hands out a fresh token when the last one expired.
      const authorized = own ? this.authorize(exchange.headers) : { secret: "", header: "" };
      const auth = authorized instanceof Promise ? await authorized : authorized;
      const key = auth.secret;
      let outcome: Reply | FilesError;
      try {
        outcome = await this.#attempt(exchange, signal, timeoutMs, key, auth.header);
      } catch (err) {
        const own = callerErrorIn(err);
        if (own) throw own.error; // the caller's callback or data failed: its own error, not retried
        if (!FilesError.isInstance(err)) throw err; // the caller's abort reason
        outcome = err;
      }
      if (!FilesError.isInstance(outcome)) return outcome;
      // A server may echo our key back: it never reaches an error.
      let err = redactError(outcome, key);
      const unsent = file && !(err instanceof ConnectionError && provablyNotSent(err.cause)) ? notStored(err, file, exchange.once === true) : undefined;
      if (unsent) err = unsent;
      const mayRepeat =
        exchange.idempotent ||
        unsent !== undefined ||
        (err instanceof ConnectionError && provablyNotSent(err.cause)) ||
        (exchange.retryUnprocessed === true && (err.status === 429 || err.status === 503 || err instanceof RateLimitError));
      const wait = err.retryAfterMs ?? backoffMs(retry);
      if (!err.retryable || !mayRepeat || exchange.once || retry >= maxRetries || wait > MAX_RETRY_AFTER_MS) {
        throw file && !exchange.idempotent ? outcomeOf(err, file, startedAt!, timeoutMs) : err;
      }
      exchange.onRetry?.(err, retry + 2);
      await sleep(wait, signal);
    }
  }

  async #attempt(a: Exchange, signal: AbortSignal | undefined, timeoutMs: number, key: string, authHeader: string): Promise<Reply | FilesError> {
    // No AbortController per attempt: the transport call is aborted directly by the timer or
    // by the caller's signal. The timer is portable (no refresh(), absent in workerd): progress
    // only records the time, and a timer that fires early re-arms for what is left.
    let call: TransportCall | undefined;
    let timedOut = false;
    let last = Date.now();
    let streaming = false;
    // For an upload: whether its whole body had gone out when the answer came.
    let wholeAtAnswer: boolean | undefined;
    let answered: number | undefined;
    const file = a.upload;
    const onTimer = () => {
      const idle = Date.now() - last;
      if (idle < timeoutMs) {
        timer = setTimeout(onTimer, timeoutMs - idle);
        return;
      }
      timedOut = true;
      call?.abort(new Error("timeout"));
    };
    let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(onTimer, timeoutMs);
    const touch = () => {
      last = Date.now();
    };
    const abort = (reason: unknown) => call?.abort(reason);
    const onCallerAbort = () => abort(signal!.reason);
    signal?.addEventListener("abort", onCallerAbort, { once: true });
    const fail = (err: unknown, url: string): FilesError => {
      if (signal?.aborted) throw signal.reason;
      // The caller's own callback or data failed: its error, as is, and no retry.
      if (callerErrorIn(err)) throw err;
      const failed = failure(err, url);
      return file ? tagStage(failed, { whole: wholeAtAnswer ?? file.sentWhole(), status: answered, failed: true }) : failed;
    };
    const failure = (err: unknown, url: string): FilesError => {
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
        let res: TransportResponse;
        try {
          if (signal?.aborted) throw signal.reason;
          call = this.#transport.send({ url, method, headers, body: makeBody?.(a.idleTimeout ? touch : noop) });
          res = await call.response;
        } catch (err) {
          return fail(err, url);
        }
        if (REDIRECTS.has(res.status) && res.header("location") !== null) {
          res.discard();
          const next = redirectTarget(this.provider, res, url, hop);
          if (FilesError.isInstance(next)) return next;
          if (a.once && makeBody && (res.status === 307 || res.status === 308)) {
            // A 307/308 must repeat the body, and a caller's stream was already read.
            return new ConnectionError({ provider: this.provider, status: res.status, message: `${this.provider}: the upload was redirected (${res.status}) to ${next.origin}, and a stream can be sent only once: pass a path, Blob or bytes to follow redirects`, url: safeUrl(url) });
          }
          if (next.origin !== new URL(url).origin) {
            // The key is for the provider only: never forward it to another origin.
            headers = new Headers(headersInit(headers));
            if (authHeader) headers.delete(authHeader);
            headers.delete("cookie");
          }
          if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) {
            method = "GET";
            makeBody = undefined;
            headers = new Headers(headersInit(headers));
            headers.delete("content-type");
            headers.delete("content-length");
          }
          url = next.href;
          continue;
        }
        if (file) {
          wholeAtAnswer = file.sentWhole();
          answered = res.status;
        }
        if (res.status < 200 || res.status > 299) {
          const refused = await errorFrom(this.profile, res, url);
          return file ? tagStage(refused, { whole: wholeAtAnswer!, status: res.status, failed: false }) : refused;
        }
        touch(); // the body's wait starts now
        const stream = a.expect === "stream";
        const checked = await checkedSuccess(this.profile, res, url, stream, key, touch);
        if (FilesError.isInstance(checked)) return checked;
        // The Headers are built only if a caller reads them.
        const reply: Reply = new LazyReply(res);
        if ("stream" in checked) {
          streaming = checked.stream !== null;
          reply.stream = guardedStream(this.provider, checked.stream, url, timeoutMs, abort, signal, () => signal?.removeEventListener("abort", onCallerAbort));
        } else {
          reply.json = checked.json;
          reply.text = checked.text;
        }
        return reply;
      }
    } catch (err) {
      return fail(err, url);
    } finally {
      clearTimeout(timer);
      timer = undefined;
      // An early answer (413 before the body was sent), an abort or a failure: the file is closed now.
      a.release?.();
      // A streamed body (content) stays wired to the caller's signal, so aborting still cancels it.
      if (!streaming) signal?.removeEventListener("abort", onCallerAbort);
    }
  }

  /**
   * Streams a multipart upload of `file` to `url`. Retried only when the request provably did
   * not reach the server or was refused unprocessed (429, 503), and only for a file that can
   * be read again: a 500 or a cut connection may have stored the file, so it is not sent twice.
   */
  upload(url: string, fields: Record<string, string>, fileField: string, file: PreparedFile, call: UploadCall = {}): Promise<Reply> {
    return this.uploadBody(url, (boundary, onLast) => multipart(fields, fileField, file, boundary, onLast), file, call);
  }

  /**
   * Streams an upload whose body `makeBody` makes from `file` (a multipart form, the file as the
   * raw body, a JSON document carrying it: upload-bodies.ts), with `headers` beside the body's
   * own, as `upload` does: the same retries, idle timeout, progress and release of the file.
   */
  uploadBody(url: string, makeBody: (boundary: string, onLast: (end: boolean) => void) => MultipartBody, file: PreparedFile, call: UploadCall = {}, headers: Record<string, string> = {}): Promise<Reply> {
    this.checkCall(call);
    if (call.onProgress !== undefined && typeof call.onProgress !== "function") {
      throw new ValidationError(this.provider, "onProgress", `expected a function, got ${typeof call.onProgress}`);
    }
    // One boundary for every attempt and redirect hop: the Content-Type header copied onto a
    // redirected request must describe the body sent there.
    const boundary = newBoundary();
    let sending: AsyncGenerator<Uint8Array> | undefined;
    // How far the attempt under way got: file bytes handed to the network, and the body's last chunk.
    let sent = 0;
    let whole = false;
    const upload: ExchangeFile = { filename: file.filename, bytes: file.size, sentWhole: () => whole, sentBytes: () => sent };
    const node = this.#transport.kind === "node";
    return this.send(
      {
        url,
        method: "POST",
        headers: new RequestHeaders({ accept: "application/json", ...headers }),
        // An upload is not repeated after it may have reached the server, unless the caller
        // says it is safe (a part of an upload in parts: an orphan part is never completed).
        idempotent: call.idempotent ?? false,
        retryUnprocessed: true,
        once: !file.replayable,
        idleTimeout: true,
        expect: "json",
        body: (touch) => {
          let loaded = 0;
          sent = 0;
          whole = false;
          const onFileBytes = (n: number) => {
            loaded += n;
            sent = loaded;
            touch();
            callerCall(call.onProgress, { loaded, total: file.size });
          };
          // The body is whole once its last chunk is asked for on node:http (each chunk is asked for
          // after the one before reached the socket), and once it is read to its end by fetch
          // (which may ask for one more chunk after the connection failed).
          const onLast = (end: boolean) => void ((end || node) && (whole = true));
          return { kind: "multipart", body: tracked(makeBody(boundary, onLast), (g) => (sending = g)), onFileBytes };
        },
        upload,
        // The attempt is over (answered, failed or aborted): the file it was reading is closed now.
        release: () => void sending?.return(undefined).catch(noop),
        onRetry: call.onRecovery && ((error, attempt) => call.onRecovery!({ kind: "retry", error, attempt })),
      },
      call,
    );
  }

  [INSPECT](): string {
    return `RequestPolicy { provider: '${this.provider}', baseUrl: '${this.baseUrl}', apiKey: '[redacted]', maxRetries: ${this.maxRetries}, timeoutMs: ${this.timeoutMs} }`;
  }

  toJSON(): Record<string, unknown> {
    return { provider: this.provider, baseUrl: this.baseUrl, apiKey: "[redacted]", maxRetries: this.maxRetries, timeoutMs: this.timeoutMs };
  }
}

const noop = () => {};

/** The body with each attempt's chunk generator handed to `onChunks`, so the attempt can end it (Exchange.release). */
function tracked(body: MultipartBody, onChunks: (g: AsyncGenerator<Uint8Array>) => void): MultipartBody {
  return {
    ...body,
    chunks: (onFileBytes, reuse) => {
      const g = body.chunks(onFileBytes, reuse);
      onChunks(g);
      return g;
    },
  };
}

/** Where a redirect leads, or why it is refused. */
function redirectTarget(provider: string, res: TransportResponse, url: string, hop: number): URL | FilesError {
  if (hop >= MAX_REDIRECTS) return new ConnectionError({ provider, message: `more than ${MAX_REDIRECTS} redirects`, url: safeUrl(url) });
  const next = new URL(res.header("location")!, url);
  const from = new URL(url);
  if (next.protocol === "http:" && from.protocol === "https:" && !isLoopback(next.hostname)) {
    return new ConnectionError({ provider, message: `refusing a redirect from https to plain http (${next.origin})`, url: safeUrl(url) });
  }
  if (next.protocol !== "http:" && next.protocol !== "https:") {
    return new ConnectionError({ provider, message: `refusing a redirect to ${next.protocol}`, url: safeUrl(url) });
  }
  return next;
}
