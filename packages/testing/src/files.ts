// Real files on disk for upload tests.
import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TempFile {
  path: string;
  dir: string;
  cleanup(): Promise<void>;
}

export async function tempFile(content: number | Uint8Array | string, name = "file.bin"): Promise<TempFile> {
  const dir = await mkdtemp(join(tmpdir(), "llm-files-test-"));
  const path = join(dir, name);
  const bytes = typeof content === "number" ? Buffer.alloc(content, 0x61) : content;
  await writeFile(path, bytes);
  return { path, dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A file of `size` bytes that takes no disk space (a hole): for size-limit tests and big uploads. */
export async function sparseFile(size: number, name = "big.bin"): Promise<TempFile> {
  const f = await tempFile(new Uint8Array(0), name);
  await truncate(f.path, size);
  return f;
}
