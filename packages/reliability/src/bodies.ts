// What each provider answers on success, shaped as its docs show (see /work/shared/PROVIDERS.md).
export type Provider = "moonshot" | "novita" | "minimax";
/**
 * The providers the fault and hostile servers imitate, and so the rows of every reliability
 * table. OpenAI and Mistral are not rows yet (issue 15): their paths are Moonshot's (/v1/files),
 * so the one hostile server cannot yet tell them apart by path.
 */
export const PROVIDERS: readonly Provider[] = ["moonshot", "novita", "minimax"];
export type ProviderName = Provider;
export type Op = "list" | "retrieve" | "upload" | "content" | "delete";

/** MiniMax's documented ids exceed 2^53: this one must come back digit for digit. */
export const MINIMAX_ID = "1234567890123456789";
export const OPENAI_ID = "file-abc";

const OK = '"base_resp":{"status_code":0,"status_msg":"success"}';

/** One file object as JSON text (MiniMax's id a bare integer beyond 2^53); `n` varies it. */
export function fileJson(provider: Provider, n = 0): string {
  if (provider === "minimax") {
    const id = n === 0 ? MINIMAX_ID : String(BigInt(MINIMAX_ID) + BigInt(n));
    return `{"file_id":${id},"bytes":${10 + n},"created_at":${1700000000 + n},"filename":"a${n}.mp3","purpose":"voice_clone"}`;
  }
  return JSON.stringify({
    id: n === 0 ? OPENAI_ID : `file-${n}`,
    object: "file",
    bytes: 10 + n,
    created_at: 1700000000 + n,
    filename: `a${n}.${provider === "novita" ? "jsonl" : "txt"}`,
    purpose: provider === "novita" ? "batch" : "file-extract",
    status: "ok",
    ...(provider === "novita" ? { metadata: { total_requests: 1 } } : {}),
  });
}

/** A list of these file objects in the provider's envelope. */
export function listJson(provider: Provider, files: string[]): string {
  if (provider === "minimax") return `{"files":[${files.join(",")}],${OK}}`;
  if (provider === "novita") return `{"code":"200","message":"ok","data":[${files.join(",")}]}`;
  return `{"object":"list","data":[${files.join(",")}]}`;
}

/** The success body of `op` (JSON text, or the content's bytes). */
export function successBody(provider: Provider, op: Op): string {
  const file = fileJson(provider);
  if (op === "list") return listJson(provider, [file]);
  if (provider === "minimax") {
    if (op === "delete") return `{"file_id":${MINIMAX_ID},${OK}}`;
    if (op === "content") return "ID3 the audio bytes";
    return `{"file":${file},${OK}}`;
  }
  if (op === "delete") return JSON.stringify({ id: OPENAI_ID, object: "file", deleted: true });
  if (op === "content") return provider === "novita" ? '{"custom_id":"1","response":{"status_code":200}}\n' : "the extracted text";
  return file;
}
