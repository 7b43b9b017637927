// Uploads: every accepted kind of file becomes one multipart/form-data body, streamed.
// In Node, with no custom fetch, the body goes out through node:http with a known
// Content-Length: undici's fetch keeps a streamed request body in memory
// (nodejs/undici#4058), which would put a 500 MB upload in RAM.
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { basename } from "node:path";
import { Readable } from "node:stream";
import { randomBytes } from "node:crypto";
import { ValidationError } from "./errors.js";
import { describe } from "./validate.js";
import type { Send } from "./transport.js";

export type FileInput = string | Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array>;

export interface UploadProgress {
  /** File bytes handed to the network so far. */
  loaded: number;
  /** The file's size, when known (unknown for a ReadableStream). */
  total?: number;
}

export interface PreparedFile {
  filename: string;
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

const MIME: Record<string, string> = {
  pdf: "application/pdf",
  txt: "text/plain",
  md: "text/markdown",
  csv: "text/csv",
  json: "application/json",
  jsonl: "application/jsonl",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  wav: "audio/wav",
  mp4: "video/mp4",
  zip: "application/zip",
};

export function contentTypeFor(filename: string): string {
  const ext = filename.toLowerCase().split(".").pop() ?? "";
  return MIME[ext] ?? "application/octet-stream";
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
    const filename = opts.filename ?? basename(file);
    const size = info.size;
    return {
      filename,
      size,
      contentType: contentTypeFor(filename),
      replayable: true,
      open: (reuse) => (reuse ? readReusingBuffer(file, size) : createReadStream(file, { highWaterMark: CHUNK, start: 0, end: size - 1 })),
    };
  }
  if (typeof Blob !== "undefined" && file instanceof Blob) {
    checkSize(file.size);
    const name = opts.filename ?? (typeof (file as File).name === "string" && (file as File).name ? (file as File).name : undefined);
    if (!name) throw new ValidationError(provider, "filename", "is required with a Blob that has no name: pass { filename }");
    return {
      filename: name,
      size: file.size,
      contentType: file.type || contentTypeFor(name),
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
      contentType: contentTypeFor(opts.filename),
      replayable: true,
      open: async function* () {
        yield bytes;
      },
    };
  }
  if (typeof ReadableStream !== "undefined" && file instanceof ReadableStream) {
    if (!opts.filename) throw new ValidationError(provider, "filename", "is required with a ReadableStream: pass { filename }");
    let used = false;
    return {
      filename: opts.filename,
      contentType: contentTypeFor(opts.filename),
      replayable: false,
      open: () => {
        if (used) throw new ValidationError(provider, "file", "this ReadableStream was already read: pass a path or a Blob to allow retries");
        used = true;
        return limitStream(file as ReadableStream<Uint8Array>, opts, checkSize);
      },
    };
  }
  throw new ValidationError(provider, "file", `expected a path, Blob/File, Uint8Array/Buffer or ReadableStream, got ${describe(file)}`);
}

const CHUNK = 256 * 1024;

async function* readReusingBuffer(path: string, size: number): AsyncIterable<Uint8Array> {
  const fh = await open(path, "r");
  try {
    const buf = Buffer.allocUnsafe(Math.min(CHUNK, size));
    for (let pos = 0; pos < size; ) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - pos), pos);
      if (bytesRead === 0) throw new Error(`${path} shrank while it was being uploaded`);
      pos += bytesRead;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

async function* limitStream(stream: ReadableStream<Uint8Array>, opts: PrepareOptions, checkSize: (n: number) => void): AsyncIterable<Uint8Array> {
  let total = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
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
  chunks(onFileBytes?: (n: number) => void, reuse?: boolean): AsyncIterable<Uint8Array>;
}

const enc = new TextEncoder();
const quote = (s: string) => s.replace(/[\\"]/g, (c) => `\\${c}`);

/** A multipart/form-data body: text fields first, then the file part. */
export function multipart(fields: Record<string, string>, fileField: string, file: PreparedFile): MultipartBody {
  const boundary = `----llm-files-${randomBytes(12).toString("hex")}`;
  let head = "";
  for (const [name, value] of Object.entries(fields)) {
    head += `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`;
  }
  head += `--${boundary}\r\nContent-Disposition: form-data; name="${quote(fileField)}"; filename="${quote(file.filename)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`;
  const headBytes = enc.encode(head);
  const tailBytes = enc.encode(`\r\n--${boundary}--\r\n`);
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length: file.size === undefined ? undefined : headBytes.byteLength + file.size + tailBytes.byteLength,
    async *chunks(onFileBytes, reuse) {
      yield headBytes;
      for await (const chunk of file.open(reuse)) {
        yield chunk;
        onFileBytes?.(chunk.byteLength);
      }
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
    const u = new URL(url);
    // Headers are set on the request, not passed as options: NODE_DEBUG=http,net prints the
    // options (Authorization included) when the agent opens a connection.
    const req = (u.protocol === "https:" ? httpsRequest : httpRequest)(u, { method: init.method });
    init.headers.forEach((v, k) => req.setHeader(k, v));
    const onAbort = () => req.destroy(init.signal.reason instanceof Error ? init.signal.reason : new Error("aborted"));
    if (init.signal.aborted) return reject(init.signal.reason);
    init.signal.addEventListener("abort", onAbort, { once: true });
    req.on("error", (err) => {
      init.signal.removeEventListener("abort", onAbort);
      reject(err);
    });
    req.on("response", (res: IncomingMessage) => {
      const h = new Headers();
      for (const [k, v] of Object.entries(res.headers)) {
        if (Array.isArray(v)) v.forEach((x) => h.append(k, x));
        else if (v !== undefined) h.set(k, v);
      }
      const status = res.statusCode ?? 500;
      const nullBody = status === 204 || status === 304 || init.method === "HEAD";
      res.on("close", () => init.signal.removeEventListener("abort", onAbort));
      if (nullBody) res.resume();
      resolve(new Response(nullBody ? null : (Readable.toWeb(res) as ReadableStream), { status, statusText: res.statusMessage, headers: h }));
    });
    const body = init.body as unknown as AsyncIterable<Uint8Array> | undefined;
    if (!body) return req.end();
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
          if (req.destroyed) return;
        }
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
