// Files on disk (Node, and Deno or Bun through their node: modules): "#files" under the
// "node" condition. Read in 256 KiB chunks; the Node wire reuses one buffer for all of them.
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import { ValidationError } from "./errors.js";
import { contentTypeFor, type PreparedFile } from "./upload.js";

const CHUNK = 256 * 1024;

export async function fileFromPath(path: string, provider: string, filename: string | undefined, checkSize: (size: number) => void): Promise<PreparedFile> {
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
  const name = filename ?? basename(path);
  const size = info.size;
  return {
    filename: name,
    size,
    contentType: contentTypeFor(name),
    replayable: true,
    open: (reuse) => (reuse ? readReusingBuffer(path, size) : createReadStream(path, { highWaterMark: CHUNK, start: 0, end: size - 1 })),
  };
}

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
