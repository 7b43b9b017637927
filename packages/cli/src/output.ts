// What a person sees: a table of files, sizes in human units.
import type { FileInfo } from "@llm-files/unified";

export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = bytes;
  let i = -1;
  do {
    v /= 1024;
    i++;
  } while (v >= 1024 && i < units.length - 1);
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${units[i]}`;
}

export function fileTable(files: FileInfo[]): string {
  if (files.length === 0) return "no files";
  const rows = files.map((f) => [f.id, f.filename, humanSize(f.bytes), String(f.purpose), f.createdAt.toISOString().replace("T", " ").slice(0, 16)]);
  const head = ["ID", "FILENAME", "SIZE", "PURPOSE", "CREATED"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(head), ...rows.map(line)].join("\n");
}

/** A FileInfo as JSON: dates as ISO strings, `raw` kept. */
export function fileJson(f: FileInfo): Record<string, unknown> {
  return { ...f, createdAt: f.createdAt.toISOString(), expiresAt: f.expiresAt?.toISOString() };
}
