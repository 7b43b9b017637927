// A multipart/form-data body streamed from a prepared file: text fields first, then the file
// part, with an exact length when the file's size is known. Names are encoded as browsers do.
import { callerData, shrank } from "./caller-error.js";
import { encodeMultipartName } from "./request-values.js";
import type { PreparedFile } from "./prepared-file.js";

export interface MultipartBody {
  contentType: string;
  /** Exact byte length when the file's size is known. */
  length?: number;
  /** With `reuse`, chunks may share one buffer: consume each before pulling the next. */
  chunks(onFileBytes?: (n: number) => void, reuse?: boolean): AsyncGenerator<Uint8Array>;
  /** The whole body as one Blob, when the file is a Blob already (no bytes copied). */
  asBlob?(): { blob: Blob; fileBytes: number };
}

const enc = new TextEncoder();
const quote = encodeMultipartName;

/** A fresh multipart boundary (Web Crypto: no node:crypto in the portable build). */
export function newBoundary(): string {
  const random = crypto.getRandomValues(new Uint8Array(12));
  return `----llm-files-${Array.from(random, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/**
 * A multipart/form-data body: text fields first, then the file part. Names are encoded as browsers do.
 * `onLast(false)` is called as the body's last chunk (the closing boundary) is asked for, and
 * `onLast(true)` once the body is read to its end (or handed out whole, as one Blob): until then a
 * server cannot hold the whole body, so it cannot have stored the file.
 */
export function multipart(fields: Record<string, string>, fileField: string, file: PreparedFile, boundary = newBoundary(), onLast?: (end: boolean) => void): MultipartBody {
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
      onLast?.(false);
      yield tailBytes;
      onLast?.(true);
    },
    asBlob:
      file.blob && file.size !== undefined
        ? () => {
            onLast?.(true);
            return { blob: new Blob([headBytes, file.blob!(), tailBytes]), fileBytes: file.size! };
          }
        : undefined,
  };
}

