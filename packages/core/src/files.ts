// The file of an upload: every accepted kind (a path, a file: URL, a Blob/File, bytes, a web
// or Node stream) is checked and prepared once, before anything is sent, into a PreparedFile
// that can be read again (retries) and in ranges (parts). Paths need a filesystem: "#files"
// is files-node.ts under the "node" condition, else files-web.ts.
import { fileFromPath, pathOfFileUrl, pathOfReadStream } from "#files";
import { ValidationError } from "./errors.js";
import { describe } from "./validate.js";
import { checkFilename } from "./request-values.js";
import { contentTypeFor } from "./mime-type.js";
import { streamChunks } from "./streams.js";
import { shrank } from "./caller-error.js";
import { formatBytes } from "./format-bytes.js";
import type { PreparedFile, UploadProgress } from "./prepared-file.js";

export type { PreparedFile, UploadProgress };
export { formatBytes };

/** A path, a `file:` URL, a Blob/File, bytes, a web ReadableStream, or a Node stream (an fs.ReadStream is read from its path). */
export type FileInput = string | URL | Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array> | NodeReadableLike;

/**
 * A Node readable stream (an fs.ReadStream, a socket, a Readable), described by what is used
 * of it, so that the published types need nothing from @types/node.
 */
export interface NodeReadableLike extends AsyncIterable<Uint8Array | string> {
  pipe(...args: never[]): unknown;
  /** An fs.ReadStream's file: read from its path when the stream covers the whole file. */
  readonly path?: string | Uint8Array;
}

export interface PrepareOptions {
  provider: string;
  filename?: string;
  /** Largest size the provider documents for this purpose, in bytes. */
  maxBytes?: number;
  /** Words for the limit in messages, e.g. "100 MB". */
  maxLabel?: string;
  /**
   * The file's size in bytes, where the caller knows it and the source does not say (a stream:
   * a download's size, say): sent as the upload's length, and the stream must yield exactly that
   * many bytes. For any other source it must be the source's own size.
   */
  size?: number;
}

/** Checks the file and turns it into a PreparedFile; every problem is a ValidationError. */
export async function prepareFile(file: unknown, opts: PrepareOptions): Promise<PreparedFile> {
  const { provider, size } = opts;
  if (size !== undefined && (typeof size !== "number" || !Number.isSafeInteger(size) || size < 1)) {
    throw new ValidationError(provider, "size", `expected the file's size, a whole number of bytes of at least 1, got ${describe(size)}`);
  }
  const prepared = await prepareSource(file, opts);
  if (size !== undefined && prepared.size !== undefined && prepared.size !== size) {
    throw new ValidationError(provider, "size", `is ${size}, but the file holds ${prepared.size} bytes: leave size out, or pass the file's own size`);
  }
  return prepared;
}

async function prepareSource(file: unknown, opts: PrepareOptions): Promise<PreparedFile> {
  const { provider } = opts;
  if (opts.filename !== undefined && (typeof opts.filename !== "string" || opts.filename.trim() === "" || /[\r\n"\u0000]/.test(opts.filename))) {
    throw new ValidationError(provider, "filename", `expected a plain file name such as "data.jsonl", got ${describe(opts.filename)}`);
  }
  const checkSize = (size: number) => {
    if (size === 0) throw new ValidationError(provider, "file", "is empty (0 bytes): providers reject empty files; pass a file with content");
    if (opts.maxBytes !== undefined && size > opts.maxBytes) {
      throw new ValidationError(provider, "file", `is ${formatBytes(size)}, over ${provider}'s limit of ${opts.maxLabel ?? formatBytes(opts.maxBytes)} for this purpose: split or compress it`);
    }
  };
  if ((typeof URL !== "undefined" && file instanceof URL) || (typeof file === "string" && file.startsWith("file:"))) {
    return prepareSource(await pathOfFileUrl(file as string | URL, provider), opts);
  }
  // A whole file opened as an fs.ReadStream is read from its path instead.
  const streamedPath = await pathOfReadStream(file);
  if (streamedPath !== undefined) return prepareSource(streamedPath, opts);
  if (typeof file === "string") {
    if (file === "") throw new ValidationError(provider, "file", "is an empty path: pass the path of a file on disk");
    return fileFromPath(file, provider, opts.filename, checkSize);
  }
  if (typeof Blob !== "undefined" && file instanceof Blob) {
    checkSize(file.size);
    const name = opts.filename ?? (typeof (file as File).name === "string" && (file as File).name ? (file as File).name : undefined);
    if (!name) throw new ValidationError(provider, "filename", "is required with a Blob that has no name: pass { filename }");
    return blobFile(checkFilename(provider, name), file.type || contentTypeFor(name), file);
  }
  if (file instanceof Uint8Array || file instanceof ArrayBuffer) {
    const bytes = file instanceof ArrayBuffer ? new Uint8Array(file) : file;
    checkSize(bytes.byteLength);
    if (!opts.filename) throw new ValidationError(provider, "filename", "is required with bytes: pass { filename }");
    return bytesFile(opts.filename, contentTypeFor(opts.filename), bytes);
  }
  const webStream = typeof ReadableStream !== "undefined" && file instanceof ReadableStream;
  const nodeStream = !webStream && isNodeReadable(file);
  if (webStream || nodeStream) {
    const streamPath = nodeStream && typeof (file as unknown as { path?: unknown }).path === "string" ? baseName((file as unknown as { path: string }).path) : undefined;
    const name = opts.filename ?? streamPath;
    if (!name) throw new ValidationError(provider, "filename", "is required with a stream: pass { filename }");
    let used = false;
    if (opts.size !== undefined) checkSize(opts.size);
    return {
      filename: checkFilename(provider, name),
      // Said by the caller (a download's size): the upload declares it, and the stream is held to it.
      size: opts.size,
      contentType: contentTypeFor(name),
      replayable: false,
      open: () => {
        if (used) throw new ValidationError(provider, "file", "this ReadableStream was already read: pass a path or a Blob to allow retries");
        used = true;
        const chunks = webStream ? streamChunks(file as ReadableStream<Uint8Array>) : (file as AsyncIterable<Uint8Array>);
        return limitStream(chunks, opts, checkSize);
      },
    };
  }
  throw new ValidationError(provider, "file", `expected a path, file: URL, Blob/File, Uint8Array/Buffer, ReadableStream or Node stream, got ${describe(file)}`);
}

function blobFile(filename: string, contentType: string, blob: Blob): PreparedFile {
  return {
    filename,
    size: blob.size,
    contentType,
    replayable: true,
    open: () => streamChunks(blob.stream()),
    blob: () => blob,
    slice: (start, end) => blobFile(filename, contentType, blob.slice(start, end)),
  };
}

function bytesFile(filename: string, contentType: string, bytes: Uint8Array): PreparedFile {
  return {
    filename,
    size: bytes.byteLength,
    contentType,
    replayable: true,
    open: async function* () {
      yield bytes;
    },
    blob: () => new Blob([bytes as Uint8Array<ArrayBuffer>]),
    slice: (start, end) => bytesFile(filename, contentType, bytes.subarray(start, end)),
  };
}

function isNodeReadable(value: unknown): value is NodeReadableLike {
  return typeof value === "object" && value !== null && typeof (value as { pipe?: unknown }).pipe === "function" && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function";
}

/** The last part of a path (no node:path in the portable build). */
const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

async function* limitStream(stream: AsyncIterable<Uint8Array>, opts: PrepareOptions, checkSize: (n: number) => void): AsyncIterable<Uint8Array> {
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.byteLength;
    if (opts.maxBytes !== undefined && total > opts.maxBytes) checkSize(total);
    // A stream of a declared size that gives more, or fewer, is never sent as complete.
    if (opts.size !== undefined && total > opts.size) throw shrank(total, opts.size, opts.provider);
    yield chunk;
  }
  if (opts.size !== undefined && total !== opts.size) throw shrank(total, opts.size, opts.provider);
  if (total === 0) checkSize(0);
}
