// From what the wire received to what callers get: a non-2xx answer becomes a typed error,
// a JSON body is checked (provider errors inside a 2xx, exact int64s, size cap, the key
// never echoed on), and a streamed body gets its pauses timed and its failures typed.
import { ConnectionError, ServerError, TimeoutError, classForStatus, type FilesError } from "./errors.js";
import { parseRetryAfter, errorCode } from "./retry.js";
import { quoteUnsafeIntegers } from "./json.js";
import type { Protocol } from "./protocol.js";
import type { WireResponse } from "./wire.js";

const MAX_ERROR_BODY_BYTES = 64 * 1024;
/** JSON bodies are read whole to check them; beyond this a response is refused. */
export const MAX_JSON_BODY_BYTES = 16 * 1024 * 1024;

export async function errorFrom(protocol: Protocol, res: WireResponse, url: string): Promise<FilesError> {
  const provider = protocol.provider;
  const { text } = await res.text(MAX_ERROR_BODY_BYTES);
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const details = protocol.readError(text, json);
  const requestId = details.requestId ?? res.headers.get("x-request-id") ?? res.headers.get("request-id") ?? undefined;
  const { Class, retryable } = protocol.classify?.(res.status, details) ?? classForStatus(res.status);
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
 * A 2xx answer as the Response callers get. JSON bodies are read and checked here, and the
 * Response answers json()/text() from what was read, so openapi-fetch does not parse twice.
 * Other bodies are handed to `streamed` (undefined = not JSON, stream it).
 */
export async function checkedSuccess(protocol: Protocol, res: WireResponse, url: string, stream: boolean, key: string): Promise<Response | FilesError | undefined> {
  const provider = protocol.provider;
  const type = res.headers.get("content-type") ?? "";
  if (!/\bjson\b/i.test(type) || res.status === 204) return undefined;
  const tooLarge = () => new ServerError({ provider, status: res.status, message: `${provider}: response body larger than ${MAX_JSON_BODY_BYTES} bytes; refusing to parse it`, url: safeUrl(url) });
  // A declared length over the cap is refused before reading a byte of it.
  if (Number(res.headers.get("content-length")) > MAX_JSON_BODY_BYTES && !res.headers.has("content-encoding")) {
    res.discard();
    return tooLarge();
  }
  const read = await res.text(MAX_JSON_BODY_BYTES);
  if (read.truncated) return tooLarge();
  let text = read.text;
  // A server that echoes the key into a success body must not hand it on: into FileInfo.raw,
  // or into the shape errors that quote a bad field or an unexpected key.
  if (key.length >= 8 && text.includes(key)) text = text.split(key).join("[redacted]");
  if (protocol.exactIntegers) text = quoteUnsafeIntegers(text);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return new ServerError({
      provider,
      status: res.status,
      message: `${provider}: the ${res.status} response is not valid JSON${text ? ` (${text.length} characters, starting ${JSON.stringify(text.slice(0, 60))})` : " (empty body)"}`,
      retryable: true,
      url: safeUrl(url),
      body: text.slice(0, 4096),
    });
  }
  const inner = protocol.successError?.(json);
  if (inner) {
    return new inner.Class({
      provider,
      status: res.status,
      code: inner.code,
      message: `${provider}: ${inner.message ?? "error"}${inner.code ? ` (code ${inner.code})` : ""}`,
      requestId: inner.requestId ?? res.headers.get("trace-id") ?? undefined,
      retryable: inner.retryable,
      url: safeUrl(url),
      body: text.slice(0, 4096),
      retryAfterMs: parseRetryAfter(res.headers),
    });
  }
  if (stream) return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers });
  // (Plain own properties: defineProperties would turn every Response into a slow dictionary object.)
  const answered = (res.response ?? new Response(null, { status: res.status, statusText: res.statusText, headers: res.headers })) as Response & { json: () => Promise<unknown>; text: () => Promise<string> };
  answered.json = () => Promise.resolve(json);
  answered.text = () => Promise.resolve(text);
  return answered;
}

/**
 * A streamed body (content downloads) whose pauses are timed like a request (each wait for
 * the next chunk may last `timeoutMs`) and whose failures are typed: a cut connection is a
 * ConnectionError and a stall a TimeoutError, never a bare TypeError or a hang.
 */
export function guardedStream(provider: string, res: WireResponse, url: string, timeoutMs: number, abort: (reason: unknown) => void, signal: AbortSignal | undefined, release: () => void): Response {
  const source = res.stream();
  const init = { status: res.status, statusText: res.statusText, headers: res.headers };
  if (!source) {
    release();
    return res.response ?? new Response(null, init);
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
  return new Response(body, init);
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
