// The Content-Type of an uploaded file's part, from its name, by the `mime` package's table
// (mime-db: IANA, Apache and nginx types), so every format a provider's text extraction takes
// (docx, xlsx, pptx, doc, xls, ppt, epub, html, …) gets its registered type rather than
// whatever a hand-written list remembered. The table (~40 kB) is loaded on the first upload,
// so importing the clients, and every list/retrieve/content/delete, does not pay for it.

/** Types the table lacks but providers document (JSON Lines for batch files). */
const EXTRA: Record<string, string> = { jsonl: "application/jsonl" };

let table: Promise<{ getType(path: string): string | null }> | undefined;

export async function contentTypeFor(filename: string): Promise<string> {
  const ext = filename.toLowerCase().split(".").pop() ?? "";
  if (EXTRA[ext]) return EXTRA[ext];
  table ??= import("mime").then((m) => m.default);
  return (await table).getType(ext) ?? "application/octet-stream";
}
