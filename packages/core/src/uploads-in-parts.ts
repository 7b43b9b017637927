// `files.upload` that sends big files in parts: at or below the threshold a file goes in one
// request (the provider's own upload), above it through an uploads-in-parts API
// (chunked-upload.ts). The options are checked on every call, before anything is sent.
import { ValidationError } from "./errors.js";
import { checkMultipartThreshold, checkPartConcurrency, checkPartSize, chunkedUpload, type ChunkedUploadOptions, type UploadSteps } from "./chunked-upload.js";
import { formatBytes, prepareFile, type FileInput, type UploadProgress } from "./upload.js";
import { describe } from "./validate.js";
import type { CallOptions } from "./protocol.js";

export interface UploadInPartsOptions {
  /** Files above this size go in parts (default 512 MiB; at most the one-request limit, 0 sends every file in parts). */
  multipartThresholdBytes?: number;
  /** Bytes per part: a whole number up to 64 MiB (the default). */
  partSizeBytes?: number;
  /** Parts in flight at once: 1 to 8 (default 2). */
  partConcurrency?: number;
}

/** What the routed upload needs of the caller's params. */
export interface RoutedUploadParams extends CallOptions, UploadInPartsOptions {
  file: FileInput;
  purpose: string;
  filename?: string;
  onProgress?: (progress: UploadProgress) => void;
}

export interface UploadsInPartsConfig<File, Params> {
  provider: string;
  /** The one-request upload, given the params without the options above. */
  single(params: Params): Promise<File>;
  /** The steps of the uploads-in-parts API for these params (purpose, expiry). */
  steps(params: Params): UploadSteps<File>;
  /** Purposes the uploads-in-parts API accepts (it may take fewer than the one-request upload). */
  partsPurposes: readonly string[];
  /** Largest file one request may carry (OpenAI /files: 512 MB). */
  singleMaxBytes: number;
  /** Largest file in parts (OpenAI: 8 GB), and its words for messages. */
  partsMaxBytes: number;
  partsMaxLabel?: string;
}

/** An `upload(params)` that routes by size; `params` may carry the UploadInPartsOptions. */
export function uploadsInParts<File, Params extends RoutedUploadParams>(cfg: UploadsInPartsConfig<File, Params>): (params: Params) => Promise<File> {
  const P = cfg.provider;
  return async (params) => {
    if (params === null || typeof params !== "object") return cfg.single(params);
    const { multipartThresholdBytes, partSizeBytes, partConcurrency, ...rest } = params;
    const single = rest as Params;
    const threshold = checkMultipartThreshold(P, multipartThresholdBytes);
    if (threshold > cfg.singleMaxBytes) {
      throw new ValidationError(P, "multipartThresholdBytes", `${threshold} is above the ${formatBytes(cfg.singleMaxBytes)} one request may carry: pass at most ${cfg.singleMaxBytes}`);
    }
    checkPartSize(P, partSizeBytes);
    checkPartConcurrency(P, partConcurrency);
    // Only a file of known size can go in parts: a stream is sent in one request.
    const prepared = await prepareFile(params.file, { provider: P, filename: params.filename, maxBytes: cfg.partsMaxBytes, maxLabel: `${cfg.partsMaxLabel ?? formatBytes(cfg.partsMaxBytes)}, even in parts` });
    if (prepared.size === undefined || prepared.size <= threshold) {
      return cfg.single(single);
    }
    if (!cfg.partsPurposes.includes(params.purpose)) {
      throw new ValidationError(P, "purpose", `${describe(params.purpose)}: this file (${formatBytes(prepared.size)}) is above multipartThresholdBytes (${threshold}) and goes in parts, which ${P} takes for ${cfg.partsPurposes.join(", ")} only; pass one of those, or a file of at most ${formatBytes(cfg.singleMaxBytes)}`);
    }
    const options: ChunkedUploadOptions = { signal: params.signal, timeoutMs: params.timeoutMs, maxRetries: params.maxRetries, onProgress: params.onProgress, partSizeBytes, partConcurrency };
    return chunkedUpload(P, prepared, cfg.steps(single), options);
  };
}
