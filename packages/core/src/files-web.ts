// "#files" outside Node: there is no filesystem to read a path from.
import { ValidationError } from "./errors.js";
import type { PreparedFile } from "./upload.js";

export async function fileFromPath(path: string, provider: string): Promise<PreparedFile> {
  throw new ValidationError(provider, "file", `is a path ("${path}"), but this runtime has no filesystem to read it from: pass a Blob, File, Uint8Array or ReadableStream`);
}
