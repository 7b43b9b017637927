// The bodies an upload can take besides a multipart form (multipart.ts), as a profile's upload
// route says (UploadRoute.body): the file itself as the raw body, in its own media type, or a
// JSON document that carries the file base64-encoded in one field. Both stream from the
// prepared file with an exact length when its size is known, in the shape the transports send
// a multipart body in (contentType, length, chunks, asBlob), so memory stays flat either way.
import { callerData, shrank } from "./caller-error.js";
import type { MultipartBody } from "./multipart.js";
import type { PreparedFile } from "./prepared-file.js";

const enc = new TextEncoder();

/**
 * The file's bytes, announced as `contentType`, as the request body. `onLast` as for a multipart
 * body (multipart.ts): `false` as the last chunk is handed out (the one that completes the
 * file's size; from the start where the size is unknown, as no chunk can be told to be the
 * last), `true` once the body is read to its end or handed out whole as a Blob.
 */
export function rawBody(file: PreparedFile, contentType: string, onLast?: (end: boolean) => void): MultipartBody {
  return {
    contentType,
    length: file.size,
    async *chunks(onFileBytes, reuse) {
      let sent = 0;
      if (file.size === undefined) onLast?.(false);
      for await (const chunk of callerData(file.open(reuse))) {
        sent += chunk.byteLength;
        // More or fewer bytes than announced would store a corrupt file: fail, on every path.
        if (file.size !== undefined && sent > file.size) throw shrank(sent, file.size, file.provider);
        if (sent === file.size) onLast?.(false);
        yield chunk;
        onFileBytes?.(chunk.byteLength);
      }
      if (file.size !== undefined && sent !== file.size) throw shrank(sent, file.size, file.provider);
      onLast?.(true);
    },
    asBlob:
      file.blob && file.size !== undefined
        ? () => {
            onLast?.(true);
            return { blob: file.blob!(), fileBytes: file.size! };
          }
        : undefined,
  };
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Base64 of whole 3-byte groups (the caller carries the rest over to the next chunk). */
function base64(bytes: Uint8Array, end: number): string {
  let out = "";
  for (let i = 0; i + 2 < end; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  return out;
}

/** The last 1 or 2 bytes of a file, padded. */
function base64Tail(rest: Uint8Array): string {
  if (rest.length === 0) return "";
  const n = (rest[0]! << 16) | ((rest[1] ?? 0) << 8);
  return B64[n >> 18]! + B64[(n >> 12) & 63]! + (rest.length === 2 ? B64[(n >> 6) & 63]! : "=") + "=";
}

/**
 * A JSON object of `fields` with the file's bytes base64-encoded as the string value of
 * `fileField`, encoded while it streams (never the whole file in memory). `onLast` as for a
 * multipart body (multipart.ts).
 */
export function jsonBody(fields: Record<string, string>, fileField: string, file: PreparedFile, onLast?: (end: boolean) => void): MultipartBody {
  const marker = "\u0000llm-files-file\u0000";
  const text = JSON.stringify({ ...fields, [fileField]: marker });
  const at = text.indexOf(JSON.stringify(marker));
  const head = enc.encode(text.slice(0, at + 1));
  const tail = enc.encode(text.slice(at + JSON.stringify(marker).length - 1));
  return {
    contentType: "application/json",
    length: file.size === undefined ? undefined : head.byteLength + 4 * Math.ceil(file.size / 3) + tail.byteLength,
    async *chunks(onFileBytes, reuse) {
      yield head;
      let sent = 0;
      let carry = new Uint8Array(0);
      for await (const chunk of callerData(file.open(reuse))) {
        sent += chunk.byteLength;
        if (file.size !== undefined && sent > file.size) throw shrank(sent, file.size, file.provider);
        const bytes = carry.length ? concat(carry, chunk) : chunk;
        const whole = bytes.length - (bytes.length % 3);
        // A reused buffer is overwritten by the next read: the remainder is copied out (a
        // Node Buffer's slice() would be a view of it).
        carry = Uint8Array.from(bytes.subarray(whole));
        yield enc.encode(base64(bytes, whole));
        onFileBytes?.(chunk.byteLength);
      }
      if (file.size !== undefined && sent !== file.size) throw shrank(sent, file.size, file.provider);
      yield enc.encode(base64Tail(carry));
      // The closing of the document: until it is handed out, a server holds no whole body (onLast as for a multipart body).
      onLast?.(false);
      yield tail;
      onLast?.(true);
    },
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * A Content-Disposition header naming the file (RFC 6266): `attachment; filename="…"`, with an
 * ASCII stand-in there and the exact name as `filename*` (RFC 8187) when it is not plain ASCII.
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  if (ascii === filename) return `attachment; filename="${filename}"`;
  const exact = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}
