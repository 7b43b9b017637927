// The Content-Type of an uploaded file's part, from its name, by the `mime` package's table
// (mime-db: IANA, Apache and nginx types), so every format Moonshot's file-extract takes
// (docx, xlsx, pptx, doc, xls, ppt, epub, html, …) gets its registered type rather than
// whatever a hand-written list remembered.
import mime from "mime";

/** Types the table lacks but providers document (JSON Lines for batch files). */
const EXTRA: Record<string, string> = { jsonl: "application/jsonl" };

export function contentTypeFor(filename: string): string {
  const ext = filename.toLowerCase().split(".").pop() ?? "";
  return EXTRA[ext] ?? mime.getType(ext) ?? "application/octet-stream";
}
