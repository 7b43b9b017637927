// Uploads: every accepted kind of file becomes one multipart/form-data body, streamed.
// In Node, with no custom fetch, the body goes out through node:http with a known
// Content-Length: undici's fetch keeps a streamed request body in memory
// (nodejs/undici#4058), which would put a 500 MB upload in RAM.
import { ReadStream, createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { basename } from "node:path";
import { Readable } from "node:stream";
import { randomBytes } from "node:crypto";
import { ValidationError } from "./errors.js";
import { describe } from "./validate.js";
import { checkFilename, encodeMultipartName } from "./wire-check.js";
import { decodedBody } from "./answer.js";
import { CallerError } from "./caller-error.js";
import { contentTypeFor } from "./mime-type.js";
import type { Send } from "./transport.js";

export { contentTypeFor } from "./mime-type.js";

/** A path, a `file:` URL, a Blob/File, bytes, a web ReadableStream, or a Node stream (an fs.ReadStream is read from its path). */
export type FileInput = string | URL | Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array> | NodeJS.ReadableStream;

export interface UploadProgress {
  /** File bytes handed to the network so far. */
  loaded: number;
  /** The file's size, when known (unknown for a ReadableStream). */
  total?: number;
}

export interface PreparedFile {
  filename: string;
  /** For messages about the file. */
  provider?: string;
  size?: number;
  contentType: string;
  /**
   * A fresh stream of the file's bytes. With `reuse`, a file on disk is read into one
   * buffer over and over: the consumer must be done with each chunk before asking for the
   * next (nodeSend waits for each write to flush), which keeps memory flat.
   */
  open(reuse?: boolean): AsyncIterable<Uint8Array>;
  /** False for a ReadableStream: it can be read once, so it cannot be retried. */
  replayable: boolean;
}

export interface PrepareOptions {
  provider: string;
  filename?: string;
  /** Largest size the provider documents for this purpose, in bytes. */
  maxBytes?: number;
  /** Words for the limit in messages, e.g. "100 MB". */
  maxLabel?: string;
}

/** Checks the file and turns it into a PreparedFile; every problem is a ValidationError. */
export async function prepareFile(file: unknown, opts: PrepareOptions): Promise<PreparedFile> {
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
  if (file instanceof URL || (typeof file === "string" && file.startsWith("file:"))) {
    let path: string;
    try {
      path = fileURLToPath(file);
    } catch (err) {
      throw new ValidationError(provider, "file", `${describe(String(file))} is not a file: URL of this machine (${(err as Error).message}); pass a path or a file:///… URL`);
    }
    return prepareFile(path, opts);
  }
  if (file instanceof ReadStream && typeof file.path === "string" && file.bytesRead === 0 && (file as { start?: number }).start === undefined && (file as { end?: number }).end === Infinity) {
    // A whole file opened as a stream: read it from its path instead (known size, retries
    // possible, flat memory), and let go of the stream's own descriptor.
    const path = file.path;
    file.destroy();
    return prepareFile(path, opts);
  }
  if (typeof file === "string") {
    if (file === "") throw new ValidationError(provider, "file", "is an empty path: pass the path of a file on disk");
    let info;
    try {
      info = await stat(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new ValidationError(provider, "file", code === "ENOENT" ? `no file at "${file}": check the path` : `cannot read "${file}" (${code}): check the path and its permissions`);
    }
    if (info.isDirectory()) throw new ValidationError(provider, "file", `"${file}" is a directory: pass a file inside it`);
    if (!info.isFile()) throw new ValidationError(provider, "file", `"${file}" is not a regular file`);
    checkSize(info.size);
    // Open it once now: a file that cannot be read (EACCES, …) fails here, before any connection.
    try {
      await (await open(file, "r")).close();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new ValidationError(provider, "file", `cannot read "${file}" (${code}): check its permissions`);
    }
    const filename = checkFilename(provider, opts.filename ?? basename(file));
    const size = info.size;
    return {
      provider,
      filename,
      size,
      contentType: await contentTypeFor(filename),
      replayable: true,
      open: (reuse) => (reuse ? readReusingBuffer(file, size, provider) : createReadStream(file, { highWaterMark: CHUNK, start: 0, end: size - 1 })),
    };
  }
  if (typeof Blob !== "undefined" && file instanceof Blob) {
    checkSize(file.size);
    const name = opts.filename ?? (typeof (file as File).name === "string" && (file as File).name ? (file as File).name : undefined);
    if (!name) throw new ValidationError(provider, "filename", "is required with a Blob that has no name: pass { filename }");
    return {
      filename: checkFilename(provider, name),
      size: file.size,
      contentType: file.type || (await contentTypeFor(name)),
      replayable: true,
      open: () => Readable.fromWeb(file.stream() as any),
    };
  }
  if (file instanceof Uint8Array || file instanceof ArrayBuffer) {
    const bytes = file instanceof ArrayBuffer ? new Uint8Array(file) : file;
    checkSize(bytes.byteLength);
    if (!opts.filename) throw new ValidationError(provider, "filename", "is required with bytes: pass { filename }");
    return {
      filename: opts.filename,
      size: bytes.byteLength,
      contentType: await contentTypeFor(opts.filename),
      replayable: true,
      open: async function* () {
        yield bytes;
      },
    };
  }
  const nodeStream = isNodeReadable(file);
  if ((typeof ReadableStream !== "undefined" && file instanceof ReadableStream) || nodeStream) {
    const streamPath = nodeStream && typeof (file as unknown as { path?: unknown }).path === "string" ? basename((file as unknown as { path: string }).path) : undefined;
    const name = opts.filename ?? streamPath;
    if (!name) throw new ValidationError(provider, "filename", "is required with a stream: pass { filename }");
    let used = false;
    return {
      filename: checkFilename(provider, name),
      contentType: await contentTypeFor(name),
      replayable: false,
      open: () => {
        if (used) throw new ValidationError(provider, "file", "this ReadableStream was already read: pass a path or a Blob to allow retries");
        used = true;
        return limitStream(file as AsyncIterable<Uint8Array>, opts, checkSize);
      },
    };
  }
  throw new ValidationError(provider, "file", `expected a path, file: URL, Blob/File, Uint8Array/Buffer, ReadableStream or Node stream, got ${describe(file)}`);
}

function isNodeReadable(value: unknown): value is NodeJS.ReadableStream {
  return typeof value === "object" && value !== null && typeof (value as Readable).pipe === "function" && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function";
}

const CHUNK = 256 * 1024;

async function* readReusingBuffer(path: string, size: number, provider: string): AsyncIterable<Uint8Array> {
  const fh = await open(path, "r");
  try {
    const buf = Buffer.allocUnsafe(Math.min(CHUNK, size));
    for (let pos = 0; pos < size; ) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - pos), pos);
      if (bytesRead === 0) throw shrank(pos, size, provider);
      pos += bytesRead;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

/** The caller's source, whose read errors are the caller's own (not a network failure to retry). */
async function* callerData(source: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const it = source[Symbol.asyncIterator]();
  try {
    for (;;) {
      let step: IteratorResult<Uint8Array>;
      try {
        step = await it.next();
      } catch (err) {
        throw err instanceof CallerError ? err : new CallerError(err);
      }
      if (step.done) return;
      yield step.value;
    }
  } finally {
    await it.return?.();
  }
}

/** A source that ends before its announced size: the caller's data, not the network, failed. */
function shrank(read: number, size: number, provider = "llm-files"): CallerError {
  return new CallerError(
    new ValidationError(provider, "file", `gave ${read > size ? "more than" : "only"} ${read} bytes where its size said ${size} (it changed while it was being uploaded): the upload was abandoned, nothing truncated was sent as complete; upload it again once it is stable`),
  );
}

async function* limitStream(stream: AsyncIterable<Uint8Array>, opts: PrepareOptions, checkSize: (n: number) => void): AsyncIterable<Uint8Array> {
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.byteLength;
    if (opts.maxBytes !== undefined && total > opts.maxBytes) checkSize(total);
    yield chunk;
  }
  if (total === 0) checkSize(0);
}

export interface MultipartBody {
  contentType: string;
  /** Exact byte length when the file's size is known. */
  length?: number;
  /** With `reuse`, chunks may share one buffer: consume each before pulling the next. */
  chunks(onFileBytes?: (n: number) => void, reuse?: boolean): AsyncGenerator<Uint8Array>;
}

const enc = new TextEncoder();
const quote = encodeMultipartName;

export const newBoundary = () => `----llm-files-${randomBytes(12).toString("hex")}`;

/** A multipart/form-data body: text fields first, then the file part. Names are encoded as browsers do. */
export function multipart(fields: Record<string, string>, fileField: string, file: PreparedFile, boundary = newBoundary()): MultipartBody {
  let head = "";
  for (const [name, value] of Object.entries(fields)) {
    head += `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`;
  }
  // A Blob's own type is the caller's: anything but a plain type/subtype is replaced.
  const type = /^[\w.+-]+\/[\w.+-]+$/.test(file.contentType) ? file.contentType : "application/octet-stream";
  head += `--${boundary}\r\nContent-Disposition: form-data; name="${quote(fileField)}"; filename="${quote(file.filename)}"\r\nContent-Type: ${type}\r\n\r\n`;
  const headBytes = enc.encode(head);
  const tailBytes = enc.encode(`\r\n--${boundary}--\r\n`);
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length: file.size === undefined ? undefined : headBytes.byteLength + file.size + tailBytes.byteLength,
    async *chunks(onFileBytes, reuse) {
      yield headBytes;
      let sent = 0;
      for await (const chunk of callerData(file.open(reuse))) {
        sent += chunk.byteLength;
        // More or fewer bytes than announced would store a corrupt file: fail, on every path.
        if (file.size !== undefined && sent > file.size) throw shrank(sent, file.size, file.provider);
        yield chunk;
        onFileBytes?.(chunk.byteLength);
      }
      if (file.size !== undefined && sent !== file.size) throw shrank(sent, file.size, file.provider);
      yield tailBytes;
    },
  };
}

/**
 * Sends through node:http(s), streaming the body with backpressure. Used for uploads
 * when the user gave no fetch of their own.
 */
export const nodeSend: Send = (url, init) =>
  new Promise<Response>((resolve, reject) => {
    if (init.signal.aborted) return reject(init.signal.reason);
    const u = new URL(url);
    // Headers are set on the request, not passed as options: NODE_DEBUG=http,net prints the
    // options (Authorization included) when the agent opens a connection.
    const req = (u.protocol === "https:" ? httpsRequest : httpRequest)(u, { method: init.method });
    // The error listener comes first: nothing may leave a request without one (an orphan
    // ClientRequest's 'error' event would crash the process later).
    let bodyDone = false;
    let answered = false;
    const onAbort = () => req.destroy(init.signal.reason instanceof Error ? init.signal.reason : new Error("aborted"));
    req.on("error", (err) => {
      init.signal.removeEventListener("abort", onAbort);
      reject(err);
    });
    try {
      init.headers.forEach((v, k) => req.setHeader(k, v));
    } catch (err) {
      // wire-check refuses such values before; this is the last line of defence.
      req.destroy();
      return reject(err);
    }
    init.signal.addEventListener("abort", onAbort, { once: true });
    req.on("response", (res: IncomingMessage) => {
      answered = true;
      const { body: decoded, decoded: wasDecoded } = decodedBody(res);
      const h = new Headers();
      for (const [k, v] of Object.entries(res.headers)) {
        if (wasDecoded && (k === "content-encoding" || k === "content-length")) continue;
        if (Array.isArray(v)) v.forEach((x) => h.append(k, x));
        else if (v !== undefined) h.set(k, v);
      }
      const status = res.statusCode ?? 500;
      const nullBody = status === 204 || status === 304 || init.method === "HEAD";
      res.on("close", () => init.signal.removeEventListener("abort", onAbort));
      // Answered before the whole body was sent (413, 401 …): stop sending, and once the answer
      // is read let go of the connection (it is mid-body, so it cannot be reused).
      if (!bodyDone) res.once("end", () => req.destroy());
      if (nullBody) res.resume();
      resolve(new Response(nullBody ? null : (Readable.toWeb(decoded as Readable) as ReadableStream), { status, statusText: res.statusMessage, headers: h }));
    });
    const body = init.body as unknown as AsyncIterable<Uint8Array> | undefined;
    if (!body) {
      bodyDone = true;
      return req.end();
    }
    (async () => {
      try {
        for await (const chunk of body) {
          // Wait until each chunk is handed to the socket: chunks may share one buffer.
          await new Promise<void>((resolve) => {
            const done = () => {
              req.off("close", done);
              resolve();
            };
            req.once("close", done);
            req.write(chunk, done);
          });
          // Stopping here returns the source's iterator: its file handle closes at once.
          if (req.destroyed || answered) return;
        }
        bodyDone = true;
        req.end();
      } catch (err) {
        req.destroy(err as Error);
      }
    })();
  });

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n;
  let i = -1;
  do {
    v /= 1024;
    i++;
  } while (v >= 1024 && i < units.length - 1);
  return `${v >= 10 ? v.toFixed(0) : v.toFixed(1)} ${units[i]}`;
}
