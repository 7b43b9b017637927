// "#files" outside Node: there is no filesystem to read a path from.
import { ValidationError } from "./errors.js";
import type { PreparedFile } from "./prepared-file.js";

const noFilesystem = (provider: string, what: string) =>
  new ValidationError(provider, "file", `is ${what}, but this runtime has no filesystem to read it from: pass a Blob, File, Uint8Array or ReadableStream`);

export async function fileFromPath(path: string, provider: string): Promise<PreparedFile> {
  throw noFilesystem(provider, `a path ("${path}")`);
}

export async function pathOfFileUrl(url: string | URL, provider: string): Promise<string> {
  throw noFilesystem(provider, `a file: URL ("${String(url)}")`);
}

/** No fs.ReadStream here. */
export async function pathOfReadStream(_file: unknown): Promise<string | undefined> {
  return undefined;
}
