// Type-checked by the release test with "types": [] and skipLibCheck: false (no @types/node).
import { createFiles, FilesError, RateLimitError, type FileInfo } from "@llm-files/unified";

const minimax = createFiles({ provider: "minimax", apiKey: "k" });
export async function walk(): Promise<FileInfo[]> {
  const up = await minimax.upload({ file: new Uint8Array([1, 2]), filename: "a.mp3", purpose: "voice_clone", onProgress: (p) => p.loaded });
  const created: Date = up.createdAt;
  await minimax.delete(up.id, { purpose: "voice_clone" });
  // @ts-expect-error not a MiniMax purpose: the published types must reject it
  await minimax.list({ purpose: "file-extract" });
  try {
    return (await minimax.list()).filter((f) => f.createdAt >= created);
  } catch (err) {
    if (err instanceof RateLimitError || (err instanceof FilesError && err.retryable)) return [];
    throw err;
  }
}
