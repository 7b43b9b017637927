// A big file sent in parts through the Uploads API (uploads.ts), and `files.upload` routed by
// size: at or below `multipartThresholdBytes` one POST /v1/files, above it create an Upload,
// send its parts (a few at a time), complete it with the part ids in order. Each part is one
// request through the request policy (retries, timeouts, typed errors, keys redacted); a
// failed part is retried alone, parts already sent are never resent. Memory stays flat: a part
// is read from its range of the file (a path, a Blob, bytes) while it is sent, never held whole.
// The file is checked and opened once, here, for both routes.
import { ValidationError, checkPurpose, describe, formatBytes, prepareFile, responseShapeError, type CallOptions, type PreparedFile, type UploadProgress } from "@llm-files/core";
import { MAX_PART_BYTES, MAX_UPLOAD_BYTES, UPLOADS_PURPOSES, type UploadsApi } from "./uploads.js";
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

/** What the in-parts endpoints do; each call gets the caller's signal and options. */
export interface UploadSteps<Done> {
  create(file: { filename: string; size: number; contentType: string }, call: CallOptions): Promise<{ id: string }>;
  /** Sends one part; safe to retry (a part not named at completion is dropped by the provider). */
  addPart(uploadId: string, part: PreparedFile, call: CallOptions & { onProgress?: (p: UploadProgress) => void }): Promise<{ id: string }>;
  complete(uploadId: string, partIds: string[], call: CallOptions): Promise<Done>;
  cancel(uploadId: string, call: CallOptions): Promise<unknown>;
}

/** Checks a part size; throws a ValidationError naming the field. */
function checkPartSize(provider: string, value: unknown, field = "partSizeBytes"): number {
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
function checkPartConcurrency(provider: string, value: unknown): number {
  if (value === undefined) return DEFAULT_PART_CONCURRENCY;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_PART_CONCURRENCY) {
    throw new ValidationError(provider, "partConcurrency", `expected a whole number from 1 to ${MAX_PART_CONCURRENCY}, got ${describe(value)}`);
  }
  return value;
}

/** Checks the options a chunked upload takes, before anything is sent. */
function checkChunkedOptions(provider: string, file: PreparedFile, options: ChunkedUploadOptions): { partSize: number; concurrency: number; size: number } {
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

export interface UploadInPartsOptions {
  /** Files above this size go in parts (default 512 MiB; at most the one-request limit, 0 sends every file in parts). */
  multipartThresholdBytes?: number;
  /** Bytes per part: a whole number up to 64 MiB (the default). */
  partSizeBytes?: number;
  /** Parts in flight at once: 1 to 8 (default 2). */
  partConcurrency?: number;
}

/** What the routed upload needs of the caller's params. */
interface RoutedParams extends CallOptions, UploadInPartsOptions {
  file: unknown;
  purpose: string;
  filename?: string;
  size?: number;
  onProgress?: (progress: UploadProgress) => void;
  expires_after?: { seconds: unknown };
}

export interface RoutedUploadConfig<File> {
  provider: string;
  /** The one-request upload of the prepared file (POST /v1/files). */
  single(params: Record<string, unknown>, file: PreparedFile): Promise<File>;
  uploads: UploadsApi;
  /** Largest file one request may carry (POST /v1/files: 512 MB). */
  singleMaxBytes: number;
  /** Purposes POST /v1/files takes. */
  purposes: readonly string[];
  /** Checks the provider's own fields (expires_after) before anything is sent. */
  checkFields(params: Record<string, unknown>): void;
}

/** `files.upload` routed by size: one request up to the threshold, the Uploads API above it. */
export function routedUpload<File, Params extends RoutedParams>(cfg: RoutedUploadConfig<File>): (params: Params) => Promise<File> {
  const P = cfg.provider;
  return async (params) => {
    if (params === null || typeof params !== "object") throw new ValidationError(P, "params", `upload() takes { file, purpose, ... }, got ${describe(params)}`);
    const { multipartThresholdBytes, partSizeBytes, partConcurrency, ...single } = params;
    const threshold = checkMultipartThreshold(P, multipartThresholdBytes);
    if (threshold > cfg.singleMaxBytes) {
      throw new ValidationError(P, "multipartThresholdBytes", `${threshold} is above the ${formatBytes(cfg.singleMaxBytes)} one request may carry: pass at most ${cfg.singleMaxBytes}`);
    }
    checkPartSize(P, partSizeBytes);
    checkPartConcurrency(P, partConcurrency);
    checkPurpose(P, params.purpose, cfg.purposes);
    cfg.checkFields(single);
    // Prepared once for either route; only a file of known size can go in parts (a stream goes in one request).
    const prepared = await prepareFile(params.file, { provider: P, filename: params.filename, maxBytes: MAX_UPLOAD_BYTES, maxLabel: "8 GB, even in parts", size: params.size });
    // Parts are read from ranges of the file: a stream (even of a known size) goes in one request.
    if (prepared.size === undefined || prepared.size <= threshold || !prepared.slice) {
      if (prepared.size !== undefined && prepared.size > cfg.singleMaxBytes) {
        throw new ValidationError(P, "file", `is a stream of ${formatBytes(prepared.size)}, above the ${formatBytes(cfg.singleMaxBytes)} one request may carry; larger files go in parts, read from ranges: pass a path, Blob or bytes`);
      }
      return cfg.single(single, prepared);
    }
    if (!(UPLOADS_PURPOSES as readonly string[]).includes(params.purpose)) {
      throw new ValidationError(P, "purpose", `${describe(params.purpose)}: this file (${formatBytes(prepared.size)}) is above multipartThresholdBytes (${threshold}) and goes in parts, which ${P} takes for ${UPLOADS_PURPOSES.join(", ")} only; pass one of those, or a file of at most ${formatBytes(cfg.singleMaxBytes)}`);
    }
    const expiresAfter = params.expires_after === undefined ? undefined : Number(params.expires_after.seconds);
    const steps = uploadSteps<File>(cfg.uploads, P, params.purpose, expiresAfter);
    return chunkedUpload(P, prepared, steps, { signal: params.signal, timeoutMs: params.timeoutMs, maxRetries: params.maxRetries, onProgress: params.onProgress, partSizeBytes, partConcurrency });
  };
}

/** The Uploads API as the steps chunkedUpload drives: resolves with the File the completed Upload carries. */
export function uploadSteps<File>(uploads: UploadsApi, provider: string, purpose: string, expiresAfterSeconds?: number): UploadSteps<File> {
  return {
    async create(file, call) {
      const body = { filename: file.filename, purpose: purpose as never, bytes: file.size, mime_type: file.contentType, ...(expiresAfterSeconds === undefined ? {} : { expires_after: { anchor: "created_at" as const, seconds: expiresAfterSeconds } }) };
      return uploads.create(body, call);
    },
    addPart: (id, part, call) => uploads.sendPart(id, part, call),
    async complete(id, partIds, call) {
      const done = await uploads.complete(id, { part_ids: partIds }, call);
      if (typeof done.file !== "object" || done.file === null || typeof (done.file as { id?: unknown }).id !== "string") {
        throw responseShapeError(provider, `the completed upload ${id} with its file { id, ... }`, done.file);
      }
      return done.file as File;
    },
    cancel: (id, call) => uploads.cancel(id, call),
  };
}
