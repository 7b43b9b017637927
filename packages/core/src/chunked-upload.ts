// A big file sent in parts: create an upload, send its parts (a few at a time), complete
// it with the part ids in order. Each part is one Transport.upload, so every part gets the
// request policy (retries, timeouts, typed errors, keys redacted); a failed part is retried
// alone, parts already sent are never resent. Memory stays flat: a part is read from its
// range of the file (a path, a Blob, bytes) while it is sent, never held whole.
// The provider's endpoints come in as UploadSteps (openai-uploads.ts for OpenAI's shape).
import { ValidationError } from "./errors.js";
import type { CallOptions } from "./protocol.js";
import { describe } from "./validate.js";
import type { PreparedFile, UploadProgress } from "./upload.js";

/** The largest part OpenAI's Uploads API accepts, and the default part size: 64 MiB. */
export const MAX_PART_BYTES = 64 * 1024 * 1024;
/** Above this size `files.upload` goes through the Uploads API by default: 512 MiB (OpenAI's /files limit). */
export const DEFAULT_MULTIPART_THRESHOLD_BYTES = 512 * 1024 * 1024;
/** Parts in flight at once by default. */
export const DEFAULT_PART_CONCURRENCY = 2;
const MAX_PART_CONCURRENCY = 8;

export interface ChunkedUploadOptions extends CallOptions {
  /** Bytes per part (the last one may be shorter): a whole number, at most 64 MiB. Default 64 MiB. */
  partSizeBytes?: number;
  /** Parts sent at once: 1 (one after the other) to 8. Default 2. */
  partConcurrency?: number;
  /** File bytes sent so far, across all parts: never goes back (a retried part counts once), ends at the size. */
  onProgress?: (progress: UploadProgress) => void;
}

/** What a provider's chunked-upload endpoints do; each call gets the caller's signal and options. */
export interface UploadSteps<Done> {
  create(file: { filename: string; size: number; contentType: string }, call: CallOptions): Promise<{ id: string }>;
  /** Sends one part; safe to retry (a part not named at completion is dropped by the provider). */
  addPart(uploadId: string, part: PreparedFile, call: CallOptions & { onProgress?: (p: UploadProgress) => void }): Promise<{ id: string }>;
  complete(uploadId: string, partIds: string[], call: CallOptions): Promise<Done>;
  cancel(uploadId: string, call: CallOptions): Promise<unknown>;
}

/** Checks a part size; throws a ValidationError naming the field. */
export function checkPartSize(provider: string, value: unknown, field = "partSizeBytes"): number {
  if (value === undefined) return MAX_PART_BYTES;
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
    throw new ValidationError(provider, field, `expected a whole number of bytes above 0, got ${describe(value)}; e.g. ${MAX_PART_BYTES} (64 MiB)`);
  }
  if (value > MAX_PART_BYTES) throw new ValidationError(provider, field, `${value} is over the 64 MiB (${MAX_PART_BYTES} bytes) a part may hold: pass at most ${MAX_PART_BYTES}`);
  return value;
}

/** Checks a threshold above which uploads are sent in parts; throws a ValidationError naming the field. */
export function checkMultipartThreshold(provider: string, value: unknown, field = "multipartThresholdBytes"): number {
  if (value === undefined) return DEFAULT_MULTIPART_THRESHOLD_BYTES;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new ValidationError(provider, field, `expected a whole number of bytes (0 sends every file in parts), got ${describe(value)}; the default is ${DEFAULT_MULTIPART_THRESHOLD_BYTES} (512 MiB)`);
  }
  return value;
}

/** Checks a number of parts in flight; throws a ValidationError naming the field. */
export function checkPartConcurrency(provider: string, value: unknown): number {
  if (value === undefined) return DEFAULT_PART_CONCURRENCY;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_PART_CONCURRENCY) {
    throw new ValidationError(provider, "partConcurrency", `expected a whole number from 1 to ${MAX_PART_CONCURRENCY}, got ${describe(value)}`);
  }
  return value;
}

/** Checks the options a chunked upload takes, before anything is sent. */
export function checkChunkedOptions(provider: string, file: PreparedFile, options: ChunkedUploadOptions): { partSize: number; concurrency: number; size: number } {
  const partSize = checkPartSize(provider, options.partSizeBytes);
  const concurrency = checkPartConcurrency(provider, options.partConcurrency);
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") {
    throw new ValidationError(provider, "onProgress", `expected a function, got ${typeof options.onProgress}`);
  }
  if (file.size === undefined || !file.slice) {
    throw new ValidationError(provider, "file", "is a stream, which can be read once and has no known size; an upload in parts needs both: pass a path, Blob or bytes");
  }
  return { partSize, concurrency, size: file.size };
}

/**
 * Sends `file` in parts through `steps`. On a failure after the upload was created, or on
 * abort, the upload is cancelled (best effort: a failing cancel never hides the first
 * error) and the call rejects with the first error, or the abort reason.
 */
export async function chunkedUpload<Done>(provider: string, file: PreparedFile, steps: UploadSteps<Done>, options: ChunkedUploadOptions = {}): Promise<Done> {
  const { partSize, concurrency, size } = checkChunkedOptions(provider, file, options);
  const callerSignal = options.signal;
  if (callerSignal?.aborted) throw callerSignal.reason;
  const call: CallOptions = { timeoutMs: options.timeoutMs, maxRetries: options.maxRetries, signal: callerSignal };
  const upload = await steps.create({ filename: file.filename, size, contentType: file.contentType }, call);

  // Parts stop at the first failure: the parts in flight are aborted through `stop`.
  const stop = new AbortController();
  const onCallerAbort = () => stop.abort(callerSignal!.reason);
  callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  const count = Math.max(1, Math.ceil(size / partSize));
  const ids: string[] = new Array(count);
  const sent = new Array<number>(count).fill(0);
  let reported = 0;
  let failure: { error: unknown } | undefined;
  const progress = (index: number, loaded: number) => {
    // A retried part starts again from 0: each part counts its furthest point, so the sum never goes back.
    if (loaded <= sent[index]!) return;
    sent[index] = loaded;
    const total = sent.reduce((a, b) => a + b, 0);
    if (total > reported) {
      reported = total;
      options.onProgress?.({ loaded: total, total: size }); // inside the part's request: the transport hands its error back as is
    }
  };
  let next = 0;
  const worker = async () => {
    while (!failure && next < count) {
      const index = next++;
      const start = index * partSize;
      const part = file.slice!(start, Math.min(size, start + partSize));
      try {
        const added = await steps.addPart(upload.id, part, { ...call, signal: stop.signal, idempotent: true, onProgress: (p) => progress(index, p.loaded) });
        ids[index] = added.id;
      } catch (error) {
        failure ??= { error: callerSignal?.aborted ? callerSignal.reason : error };
        if (!stop.signal.aborted) stop.abort(failure.error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
    if (callerSignal?.aborted) failure ??= { error: callerSignal.reason };
    if (failure) throw failure.error;
    const done = await steps.complete(upload.id, ids, call);
    if (reported < size) options.onProgress?.({ loaded: size, total: size });
    return done;
  } catch (error) {
    const reason = callerSignal?.aborted ? callerSignal.reason : error;
    // Best effort, without the caller's (maybe aborted) signal, and quickly: its own failure is dropped.
    await steps.cancel(upload.id, { timeoutMs: options.timeoutMs, maxRetries: 1 }).catch(() => {});
    throw reason;
  } finally {
    callerSignal?.removeEventListener("abort", onCallerAbort);
  }
}
