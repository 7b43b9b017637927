// From what the transport received to what callers get, by the provider's profile: a non-2xx
// answer becomes a typed error, a JSON operation's body is checked (provider errors inside a
// 2xx, exact int64s, size cap, the key never echoed on), and a streamed body gets its pauses
// timed and its failures typed. Bodies are read and decoded one way (body.ts).
import { ConnectionError, ServerError, TimeoutError, type FilesError } from "./errors.js";
import { parseRetryAfter, errorCode } from "./retry.js";
import { TooLarge, decodeText, exactText, parseAnswer, peekBody, readText, saysJson } from "./body.js";
import { classify, inBodyError, readError, requestIdOf } from "./error-format.js";
import { redact } from "./redact.js";
import type { Profile } from "./profile.js";
import type { TransportResponse } from "./transport.js";

/** What an answer is read with: the provider's profile, and the key to keep out of what is handed on. */
export type AnswerContext = Pick<Profile, "name" | "errors" | "inBodyErrors" | "ids">;

const MAX_ERROR_BODY_BYTES = 64 * 1024;
/** JSON bodies are read whole to check them; beyond this a response is refused. */
export const MAX_JSON_BODY_BYTES = 16 * 1024 * 1024;

export async function errorFrom(profile: AnswerContext, res: TransportResponse, url: string): Promise<FilesError> {
  const provider = profile.name;
  const text = await readText(res, MAX_ERROR_BODY_BYTES);
  let json: unknown;
  try {
    json = text ? parseAnswer(text, profile.ids === "int64") : undefined;
  } catch {
    json = undefined;
  }
  const details = readError(profile.errors, json);
  const requestId = requestIdOf(profile.errors, res.headers);
  const { Class, retryable } = classify(profile.errors, res.status, details);
  const fallback = json === undefined && text ? `${res.status} ${res.statusText || "error"} (non-JSON body: ${oneLine(text, 120)})` : `${res.status} ${res.statusText || "error"}`;
  return new Class({
    provider,
    status: res.status,
    code: details.code ?? details.type,
    message: `${provider}: ${details.message ?? fallback}`,
    requestId,
    retryable,
    url: safeUrl(url),
    body: text.slice(0, 4096),
    retryAfterMs: parseRetryAfter(res.headers),
  });
}

/**
 * A 2xx answer as callers get it. The answer of a JSON operation is read as JSON (int64-safe,
 * in-body errors checked, 16 MiB cap) whatever its Content-Type (gateways send text/plain or
 * none). A download (`stream`) is bytes, never parsed or capped, except that a small body may
 * be checked for an error in disguise (a provider's in-body status object).
 */
export async function checkedSuccess(
  profile: AnswerContext,
  res: TransportResponse,
  url: string,
  stream: boolean,
  key: string,
  touch: () => void,
): Promise<FilesError | { json?: unknown; text?: string } | { stream: ReadableStream<Uint8Array> | null }> {
  const provider = profile.name;
  const exact = profile.ids === "int64";
  const type = res.header("content-type");
  if (res.status === 204 || res.status === 205) return stream ? { stream: null } : {};
  const inBody = profile.inBodyErrors;
  if (stream) {
    if (!inBody) return { stream: res.stream() };
    const peeked = await peekBody(res.stream(), MAX_ERROR_BODY_BYTES, touch);
    if ("rest" in peeked) return { stream: peeked.rest };
    const text = decodeText(peeked.whole, type).trim();
    if (text.startsWith("{") && text.includes(inBody.at)) {
      let json: unknown;
      try {
        json = parseAnswer(text, exact);
      } catch {
        json = undefined;
      }
      const inner = json === undefined ? undefined : innerError(profile, json, res, url, redact(text, key));
      if (inner) return inner;
    }
    return { stream: peeked.whole.byteLength ? new Blob([peeked.whole as Uint8Array<ArrayBuffer>]).stream() : null };
  }
  let text: string;
  try {
    text = await readText(res, MAX_JSON_BODY_BYTES, true);
  } catch (err) {
    if (err instanceof TooLarge) return new ServerError({ provider, status: res.status, message: `${provider}: response body larger than ${MAX_JSON_BODY_BYTES} bytes; refusing to parse it`, url: safeUrl(url) });
    throw err;
  }
  // A server that echoes the key into a success body must not hand it on: into FileInfo.raw,
  // or into the shape errors that quote a bad field or an unexpected key.
  text = redact(text, key);
  let json: unknown;
  try {
    text = exactText(text, exact);
    json = JSON.parse(text);
  } catch {
    const declared = saysJson(type);
    return new ServerError({
      provider,
      status: res.status,
      message: `${provider}: the ${res.status} response is not valid JSON${text ? ` (${text.length} characters${declared ? "" : `, Content-Type ${JSON.stringify(type ?? "none")}`}, starting ${JSON.stringify(text.slice(0, 60))})` : " (empty body)"}; a proxy or gateway may have answered instead`,
      // A body declared JSON but broken may be a hiccup; a page of another kind will not change.
      retryable: declared,
      url: safeUrl(url),
      body: text.slice(0, 4096),
    });
  }
  const inner = innerError(profile, json, res, url, text);
  if (inner) return inner;
  return { json, text };
}

/** An error carried inside a 2xx body (a provider's status object), as a typed error. */
function innerError(profile: AnswerContext, json: unknown, res: TransportResponse, url: string, text: string): FilesError | undefined {
  const spec = profile.inBodyErrors;
  const inner = spec && inBodyError(spec, json);
  if (!inner) return undefined;
  return new inner.Class({
    provider: profile.name,
    status: res.status,
    code: inner.code,
    message: `${profile.name}: ${inner.message ?? "error"}${inner.code ? ` (code ${inner.code})` : ""}`,
    requestId: (spec.requestIdHeader ? res.headers.get(spec.requestIdHeader) : undefined) ?? requestIdOf(profile.errors, res.headers),
    retryable: inner.retryable,
    url: safeUrl(url),
    body: text.slice(0, 4096),
    retryAfterMs: parseRetryAfter(res.headers),
  });
}

/**
 * A streamed body (content downloads) whose pauses are timed like a request (each wait for
 * the next chunk may last `timeoutMs`) and whose failures are typed: a cut connection is a
 * ConnectionError and a stall a TimeoutError, never a bare TypeError or a hang.
 */
export function guardedStream(provider: string, source: ReadableStream<Uint8Array> | null, url: string, timeoutMs: number, abort: (reason: unknown) => void, signal: AbortSignal | undefined, release: () => void): ReadableStream<Uint8Array> | null {
  if (!source) {
    release();
    return null;
  }
  const reader = source.getReader();
  let idle: ReturnType<typeof setTimeout> | undefined;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      let timedOut = false;
      idle = setTimeout(() => {
        timedOut = true;
        abort(new Error("timeout"));
        reader.cancel().catch(() => {});
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
  return body;
}

/** A URL fit for an error message: no credentials. */
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

function oneLine(text: string, max: number): string {
  const flat = text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
  return flat.length > max ? flat.slice(0, max) + "…" : flat;
}
