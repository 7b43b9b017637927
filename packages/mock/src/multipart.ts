// multipart/form-data read as it streams (busboy, the parser multer and others build on):
// text fields, and each file part counted and, when kept, held up to a limit. A part over the
// limit is read through and counted but not held, so a large upload costs no memory and the
// client still gets its answer after sending.
import type { IncomingMessage } from "node:http";
import busboy from "busboy";

export interface FilePart {
  /** The form field's name. */
  name: string;
  filename: string;
  mimeType: string;
  bytes: number;
  /** The part's bytes; undefined when not kept (keep: false, or over the limit). */
  content?: Uint8Array;
  /** Its first bytes (up to 16), kept always: what it carried, for the request log. */
  head: Uint8Array;
  /** More bytes than the limit. */
  overLimit: boolean;
}

export interface MultipartBody {
  fields: Record<string, string>;
  files: FilePart[];
}

export class BadBody extends Error {}

/** Reads a whole multipart body. Files are kept (up to `limit` bytes each) when `keep`. */
export function readMultipart(req: IncomingMessage, options: { keep: boolean; limit: number }): Promise<MultipartBody> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, defParamCharset: "utf8", limits: { fieldSize: 1024 * 1024 } });
    } catch (err) {
      req.resume();
      req.once("end", () => reject(new BadBody(`the body is not multipart/form-data: ${(err as Error).message}`)));
      return;
    }
    const fields: Record<string, string> = {};
    const files: FilePart[] = [];
    bb.on("field", (name, value) => {
      fields[name] = value;
    });
    bb.on("file", (name, stream, info) => {
      const part: FilePart = { name, filename: info.filename ?? "", mimeType: info.mimeType, bytes: 0, head: new Uint8Array(0), overLimit: false };
      const chunks: Buffer[] = [];
      const head: Buffer[] = [];
      let headBytes = 0;
      stream.on("data", (chunk: Buffer) => {
        part.bytes += chunk.length;
        if (headBytes < 16) {
          head.push(chunk.subarray(0, 16 - headBytes));
          headBytes += Math.min(chunk.length, 16 - headBytes);
        }
        if (part.bytes > options.limit) {
          part.overLimit = true;
          chunks.length = 0;
        } else if (options.keep) chunks.push(chunk);
      });
      stream.on("end", () => {
        part.head = new Uint8Array(Buffer.concat(head));
        if (options.keep && !part.overLimit) part.content = new Uint8Array(Buffer.concat(chunks));
        files.push(part);
      });
    });
    bb.on("error", (err: Error) => {
      req.unpipe(bb);
      req.resume();
      reject(new BadBody(`the multipart body is malformed: ${err.message}`));
    });
    bb.on("close", () => resolve({ fields, files }));
    req.on("error", (err) => reject(err));
    req.pipe(bb);
  });
}

/** Reads a whole body as bytes, up to `max` (an error past it, the rest read through). */
export async function readBytes(req: IncomingMessage, max: number): Promise<{ bytes: Uint8Array; size: number; overLimit: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= max) chunks.push(chunk);
  }
  return { bytes: new Uint8Array(Buffer.concat(chunks)), size, overLimit: size > max };
}

/** Form fields written with brackets (`expires_after[seconds]`) as nested objects, the way the SDKs send an object in a form. */
export function nestFields(fields: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    const path = key.split(/\[|\]\[|\]$/).filter((p) => p !== "");
    if (!/^[^[\]]+(\[[^[\]]+\])*$/.test(key) || path.length === 1) {
      out[key] = value;
      continue;
    }
    let at = out;
    for (const [i, p] of path.entries()) {
      if (i === path.length - 1) at[p] = value;
      else at = (at[p] = at[p] && typeof at[p] === "object" ? at[p] : {}) as Record<string, unknown>;
    }
  }
  return out;
}
