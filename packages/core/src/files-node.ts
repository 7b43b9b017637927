// Files on disk (Node, and Deno or Bun through their node: modules): "#files" under the
// "node" condition. Read in 256 KiB chunks; the Node wire reuses one buffer for all of them.
// The node: modules load with the first file read, not when a client is imported.
import { ValidationError } from "./errors.js";
import { describe } from "./validate.js";
import { checkFilename } from "./request-values.js";
import { shrank } from "./caller-error.js";
import { contentTypeFor } from "./mime-type.js";
import type { PreparedFile } from "./prepared-file.js";

interface NodeFs {
  fs: typeof import("node:fs");
  fsp: typeof import("node:fs/promises");
  path: typeof import("node:path");
  url: typeof import("node:url");
}
let loading: Promise<NodeFs> | undefined;
/** node:fs and friends, loaded once, on the first file this process reads. */
const nodeFs = (): Promise<NodeFs> =>
  (loading ??= Promise.all([import("node:fs"), import("node:fs/promises"), import("node:path"), import("node:url")]).then(([fs, fsp, path, url]) => ({ fs, fsp, path, url })));

const CHUNK = 256 * 1024;

export async function fileFromPath(path: string, provider: string, filename: string | undefined, checkSize: (size: number) => void): Promise<PreparedFile> {
  const node = await nodeFs();
  const { stat, open } = node.fsp;
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ValidationError(provider, "file", code === "ENOENT" ? `no file at "${path}": check the path` : `cannot read "${path}" (${code}): check the path and its permissions`);
  }
  if (info.isDirectory()) throw new ValidationError(provider, "file", `"${path}" is a directory: pass a file inside it`);
  if (!info.isFile()) throw new ValidationError(provider, "file", `"${path}" is not a regular file`);
  checkSize(info.size);
  // Open it once now: a file that cannot be read (EACCES, …) fails here, before any connection.
  try {
    await (await open(path, "r")).close();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ValidationError(provider, "file", `cannot read "${path}" (${code}): check its permissions`);
  }
  const name = checkFilename(provider, filename ?? node.path.basename(path));
  return fileRange(node, path, provider, name, contentTypeFor(name), 0, info.size);
}

/** Bytes [start, end) of a file on disk, opened afresh on every open() (a retry re-reads its range). */
function fileRange(node: NodeFs, path: string, provider: string, filename: string, contentType: string, start: number, end: number): PreparedFile {
  return {
    provider,
    filename,
    size: end - start,
    contentType,
    replayable: true,
    open: (reuse) => (reuse ? readReusingBuffer(node, path, start, end, provider) : node.fs.createReadStream(path, { highWaterMark: CHUNK, start, end: end - 1 })),
    slice: (from, to) => fileRange(node, path, provider, filename, contentType, start + from, start + to),
  };
}

/** The path of a file: URL (a string or a URL), or a ValidationError naming the fix. */
export async function pathOfFileUrl(url: string | URL, provider: string): Promise<string> {
  const { fileURLToPath } = (await nodeFs()).url;
  try {
    return fileURLToPath(url);
  } catch (err) {
    throw new ValidationError(provider, "file", `${describe(String(url))} is not a file: URL of this machine (${(err as Error).message}); pass a path or a file:///… URL`);
  }
}

/**
 * A whole file opened as an fs.ReadStream (nothing read yet, no start/end): its path, to read
 * it from there instead (known size, retries possible, flat memory); the stream's own
 * descriptor is let go. Anything else: undefined.
 */
export async function pathOfReadStream(file: unknown): Promise<string | undefined> {
  // Only what could be one loads node:fs to check.
  if (typeof file !== "object" || file === null || typeof (file as { path?: unknown }).path !== "string" || typeof (file as { pipe?: unknown }).pipe !== "function") return undefined;
  if (!(file instanceof (await nodeFs()).fs.ReadStream) || typeof file.path !== "string" || file.bytesRead !== 0) return undefined;
  if ((file as { start?: number }).start !== undefined || (file as { end?: number }).end !== Infinity) return undefined;
  file.destroy();
  return file.path;
}

async function* readReusingBuffer(node: NodeFs, path: string, start: number, end: number, provider: string): AsyncIterable<Uint8Array> {
  const fh = await node.fsp.open(path, "r");
  try {
    const buf = Buffer.allocUnsafe(Math.min(CHUNK, end - start));
    for (let pos = start; pos < end; ) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, end - pos), pos);
      if (bytesRead === 0) throw shrank(pos - start, end - start, provider);
      pos += bytesRead;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}
