// What a failed upload attempt may have left on the server, read from how far its body got
// (the request policy records it per attempt): a body cut before its last chunk was handed to
// the network cannot have been stored (the server never saw the end of the multipart), so the
// upload may be sent again; a failure after the whole body was sent (a drop, no answer in time,
// a gateway's 502/504, an answer cut off) leaves the outcome unknown: the provider may have
// stored the file, so it is an OutcomeUnknownError, never a blind retry.
import { ConnectionError, OutcomeUnknownError, ServerError, TimeoutError, type FilesError, type FilesErrorClass, type FilesErrorOptions } from "./errors.js";
import { formatBytes } from "./format-bytes.js";
import { errorCode } from "./retry.js";
import type { ExchangeFile } from "./exchange.js";

/** How far an attempt got: was the body whole, did an answer come (its status), or did the exchange fail on the wire (or time out). */
export interface Stage {
  whole: boolean;
  /** The status of the answer, when one came. */
  status?: number;
  /** The exchange failed (network error, timeout, an answer cut off) rather than being answered with an error. */
  failed: boolean;
}

const stages = new WeakMap<FilesError, Stage>();

/** Records how far the attempt that produced `err` got (uploads only). */
export function tagStage(err: FilesError, stage: Stage): FilesError {
  stages.set(err, stage);
  return err;
}

/** Gateways' answers that come after the request was handed on: the provider may have acted on it. */
const GATEWAY = new Set([502, 504]);

/**
 * When `err` proves the provider cannot have stored the file (the body never went out whole, and
 * the attempt failed on the wire or was answered 5xx), the same kind of error saying so
 * precisely, to be sent again; otherwise undefined.
 */
export function notStored(err: FilesError, file: ExchangeFile, once: boolean): FilesError | undefined {
  const stage = stages.get(err);
  if (!stage || stage.whole) return undefined;
  if (!stage.failed && !(stage.status !== undefined && stage.status >= 500)) return undefined;
  const P = err.provider;
  const sent = `${file.sentBytes()}${file.bytes === undefined ? "" : ` of ${file.bytes}`} file bytes sent`;
  const code = errorCode(err.cause);
  const what = stage.failed
    ? err instanceof TimeoutError
      ? `stalled while the upload of "${file.filename}" was being sent (${sent})`
      : `the connection was cut while the upload of "${file.filename}" was being sent (${sent}${code ? `, ${code}` : ""})`
    : `answered ${stage.status} before the upload of "${file.filename}" was sent whole (${sent}): ${err.message.replace(new RegExp(`^${escape(P)}: `), "")}`;
  const again = once ? "; a stream can be read only once, so it was not sent again: pass a path, Blob or bytes to allow that" : "";
  const Class = (err instanceof TimeoutError ? TimeoutError : err instanceof ServerError ? ServerError : stage.failed ? ConnectionError : err.constructor) as FilesErrorClass;
  const precise = new Class({ provider: P, status: err.status, code: err.code, requestId: err.requestId, retryable: err.retryable, url: err.url, body: err.body, retryAfterMs: err.retryAfterMs, cause: err, message: `${P}: ${stage.failed ? "" : `${P} `}${what}; nothing was stored${again}` });
  stages.set(precise, stage);
  return precise;
}

/**
 * The error an upload ends with: an OutcomeUnknownError when its whole body was sent and then
 * the connection dropped, no answer came in time, a gateway answered 502/504, or the answer was
 * cut off; `err` itself otherwise.
 */
export function outcomeOf(err: FilesError, file: ExchangeFile, startedAt: Date, timeoutMs: number): FilesError {
  const stage = stages.get(err);
  if (!stage || !stage.whole) return err;
  const gateway = !stage.failed && stage.status !== undefined && GATEWAY.has(stage.status);
  if (!stage.failed && !gateway) return err;
  const P = err.provider;
  const code = errorCode(err.cause);
  const happened = gateway
    ? `a gateway answered ${stage.status} (${err.message.replace(new RegExp(`^${escape(P)}: `), "")})`
    : err instanceof TimeoutError
      ? stage.status !== undefined
        ? `its ${stage.status} answer did not arrive whole within ${timeoutMs} ms`
        : `no answer came within ${timeoutMs} ms`
      : stage.status !== undefined
        ? `its ${stage.status} answer was cut off${code ? ` (${code})` : ""}`
        : `the connection dropped before the answer${code ? ` (${code})` : ""}`;
  return unknownOutcome({ provider: P, status: err.status ?? stage.status, requestId: err.requestId, url: err.url, body: err.body, cause: err }, file, startedAt, "was sent whole", happened);
}

/**
 * The OutcomeUnknownError of an upload of `file`, started at `startedAt`, that got as far as
 * `sent` ("was sent whole") before `happened`: the provider may have stored it. For the request
 * policy's uploads (outcomeOf) and a provider package's own upload protocol.
 */
export function unknownOutcome(
  at: Pick<FilesErrorOptions, "provider" | "status" | "requestId" | "url" | "body" | "cause">,
  file: { filename: string; bytes?: number },
  startedAt: Date,
  sent: string,
  happened: string,
): OutcomeUnknownError {
  const P = at.provider;
  const size = file.bytes === undefined ? "" : ` (${formatBytes(file.bytes)})`;
  return new OutcomeUnknownError({
    ...at,
    filename: file.filename,
    bytes: file.bytes,
    startedAt,
    message:
      `${P}: the upload of "${file.filename}"${size}, started ${startedAt.toISOString()}, ${sent}, then ${happened}: ` +
      `${P} may have stored the file. List the files to check before uploading it again (upload with reconcile: true does this)`,
  });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
